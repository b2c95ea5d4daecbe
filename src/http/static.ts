/**
 * Serves the few static files of the web chat and the agent console from src/http/public, with a
 * strict Content-Security-Policy (scripts and styles from this origin only, no inline code).
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { projectPath } from '../paths.js';

/** Where the pages live. */
export const PUBLIC_DIR = projectPath('src', 'http', 'public');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The security headers every page and API answer carries. */
export function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
    )
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}

/** Serves `files` (URL → path under {@link PUBLIC_DIR}); contents are read once and kept. */
export function serveStatic(server: FastifyInstance, files: Record<string, string>): void {
  const cache = new Map<string, Buffer>();
  for (const [url, file] of Object.entries(files)) {
    server.get(url, async (_request, reply) => {
      let body = cache.get(file);
      if (!body) {
        body = await readFile(join(PUBLIC_DIR, file));
        cache.set(file, body);
      }
      return securityHeaders(reply)
        .header('cache-control', 'no-cache')
        .type(TYPES[extname(file)] ?? 'application/octet-stream')
        .send(body);
    });
  }
}
