/**
 * Server-Sent Events streams for the console and the web chat: headers, keep-alive comments, and a
 * registry so the server can end every open stream when it shuts down (an open stream would
 * otherwise keep `server.close()` waiting).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';

/** An open stream. */
export interface SseStream {
  /** Sends one event; returns false once the stream is closed. */
  send(event: string, data: unknown): boolean;
  /** Ends the stream. */
  close(): void;
  readonly closed: boolean;
}

const KEEPALIVE_MS = 20_000;
const open = new WeakMap<FastifyInstance, Set<SseStream>>();

/** Ends every open stream of `server` before it closes. Call once per server. */
export function closeStreamsOnShutdown(server: FastifyInstance): void {
  if (open.has(server)) return;
  const streams = new Set<SseStream>();
  open.set(server, streams);
  server.addHook('preClose', async () => {
    for (const stream of streams) stream.close();
  });
}

/**
 * Takes over the reply as an event stream. `onTick` runs with each keep-alive (e.g. to check the
 * sign-in is still valid) and may close the stream; `onClose` runs once when it ends.
 */
export function openStream(
  server: FastifyInstance,
  reply: FastifyReply,
  hooks: { onClose(): void; onTick?(stream: SseStream): void | Promise<void> },
): SseStream {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  raw.write(': connected\n\n');
  let closed = false;
  const streams = open.get(server);
  const stream: SseStream = {
    send(event, data) {
      if (closed) return false;
      raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      return true;
    },
    close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      streams?.delete(stream);
      hooks.onClose();
      raw.end();
    },
    get closed() {
      return closed;
    },
  };
  const timer = setInterval(() => {
    if (closed) return;
    raw.write(': ping\n\n');
    void hooks.onTick?.(stream);
  }, KEEPALIVE_MS);
  timer.unref();
  streams?.add(stream);
  raw.on('close', () => stream.close());
  return stream;
}
