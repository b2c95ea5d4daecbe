/**
 * The HTTP server (fastify): health, readiness and metrics now; channel webhooks, the web chat and
 * the agent console plug in as routes.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { App } from '../app.js';
import type { Config } from '../config.js';
import { registerMetricsRoute } from './metrics.js';

/** Limits every route shares. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const READY_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * fastify's `trustProxy` for `TRUST_PROXY`. A hop count becomes "trust the nearest `hops` hops"
 * (fastify itself ignores a bare number for the client's address and protocol).
 */
export function trustProxyOption(value: Config['TRUST_PROXY']): FastifyServerOptions['trustProxy'] {
  if (typeof value !== 'number') return value;
  const hops = value;
  return (_address: string, hop: number) => hop < hops;
}

/** Options of {@link createHttpServer}. */
export interface HttpServerOptions {
  /** Serve `/metrics` on this server (default true; false when it has its own listener). */
  readonly metrics?: boolean;
}

/** Builds the server; call `listen` to start it. */
export async function createHttpServer(app: App, options: HttpServerOptions = {}): Promise<FastifyInstance> {
  const server = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Behind a proxy: the client's address and https come from X-Forwarded-For/-Proto.
    trustProxy: trustProxyOption(app.config.TRUST_PROXY),
  });

  server.get('/healthz', async () => ({ status: 'ok' }));

  server.get('/readyz', async (_request, reply) => {
    if (app.engine.closing) return reply.code(503).send({ status: 'draining' });
    try {
      await withTimeout(app.store.ping(), READY_TIMEOUT_MS);
      return { status: 'ready', store: app.store.kind };
    } catch (error) {
      app.log.warn({ err: error }, 'readiness check failed');
      return reply.code(503).send({ status: 'unavailable', store: app.store.kind });
    }
  });

  // With METRICS_PORT set, /metrics is served on that listener only (see ./metrics.ts).
  if (options.metrics ?? true) registerMetricsRoute(server, app);

  server.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 500;
    app.log.warn({ url: request.url, status, err: error.message }, 'request failed');
    return reply
      .code(status)
      .send({ error: status === 500 ? 'internal error' : (error.message ?? 'bad request') });
  });

  return server;
}
