/**
 * `/metrics` (Prometheus): on the public port by default, or alone on its own listener
 * (`METRICS_PORT` on `METRICS_HOST`). With `METRICS_TOKEN` set it requires
 * `Authorization: Bearer <token>` on either, compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { App } from '../app.js';

/** The token a request presents in `Authorization: Bearer <token>`, if any. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}

/** Whether `presented` equals `expected`, in time independent of where they differ (or their lengths). */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  // Hashing first gives equal lengths, so timingSafeEqual does not leak the expected length either.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented ?? ''), digest(expected)) && presented !== undefined;
}

/** Adds `GET /metrics` to `server`, behind `METRICS_TOKEN` when it is set. */
export function registerMetricsRoute(server: FastifyInstance, app: App): void {
  const token = app.config.METRICS_TOKEN;
  server.get('/metrics', async (request, reply) => {
    if (token !== undefined && !tokenMatches(bearerToken(request.headers.authorization), token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ error: 'unauthorized' });
    }
    const registry = app.engine.metrics.registry;
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

/** The `METRICS_PORT` listener: `/metrics` and nothing else. Call `listen` to start it. */
export function createMetricsServer(app: App): FastifyInstance {
  const server = Fastify({ logger: false });
  registerMetricsRoute(server, app);
  return server;
}
