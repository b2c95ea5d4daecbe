/**
 * `tanya serve` start-up as an operator sees it, with the real process (`node bin/tanya.js serve`):
 * a Redis that is not there, an empty PORT and a busy port each stop it with one line on stderr and
 * a known exit code (instead of a hang, a random port or a stack trace); a good start logs the app
 * and Node versions; a Redis outage after start is logged once when it begins and once when it ends.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startRedis, type TestRedis } from '../helpers/redis.js';
import { killServedProcesses, serveProcess as serve } from '../helpers/serve-process.js';

const VERSION = (
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

afterEach(killServedProcesses);

/** The non-empty lines of `text`. */
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** The messages of the JSON log lines on stdout. */
function logMessages(stdout: string): { level: number; msg: string; err?: unknown }[] {
  return lines(stdout).map((line) => JSON.parse(line) as { level: number; msg: string; err?: unknown });
}

describe('tanya serve start-up failures', () => {
  it('stops with one line naming Redis and exit code 1 when REDIS_URL points at nothing', async () => {
    const run = serve({ REDIS_URL: 'redis://:s3cret@127.0.0.1:1', PORT: '0' });
    expect(await run.exited).toBe(1);
    expect(lines(run.stderr())).toEqual([
      expect.stringMatching(
        /^tanya: cannot connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1: .*ECONNREFUSED/,
      ),
    ]);
    expect(run.stderr()).not.toContain('s3cret');
    // No HTTP server was started.
    expect(run.stdout()).not.toMatch(/is listening/);
  });

  it('refuses an empty PORT with one line and exit code 2', async () => {
    const run = serve({ PORT: '' });
    expect(await run.exited).toBe(2);
    expect(lines(run.stderr())).toEqual([
      'tanya: invalid configuration: PORT="": must not be empty (unset it for 3978)',
    ]);
    expect(run.stdout()).toBe('');
  });

  it('stops with one line naming the port and exit code 2 when the port is busy', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const run = serve({ PORT: String(port) });
      expect(await run.exited).toBe(2);
      expect(lines(run.stderr())).toEqual([
        `tanya: port ${port} on 127.0.0.1 is already in use (stop what uses it, or set PORT to a free port)`,
      ]);
      expect(run.stderr()).not.toMatch(/^\s+at /m);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('tanya serve running', () => {
  it('logs the app and Node versions at start-up', async () => {
    const run = serve({ PORT: '0' });
    await run.waitForLines(/is listening/);
    const first = logMessages(run.stdout())[0];
    expect(first).toMatchObject({
      msg: `Tanya ${VERSION} starting (Node ${process.version})`,
      version: VERSION,
      node: process.version,
    });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it(
    'logs "Redis connection lost" and "Redis connection back" once per outage',
    { timeout: 90_000 },
    async () => {
      let redis: TestRedis | undefined = await startRedis();
      try {
        const run = serve({ REDIS_URL: redis.url, PORT: '0' }, { timeout: false });
        await run.waitForLines(/is listening/);
        for (let outage = 1; outage <= 2; outage++) {
          await redis.stop();
          await run.waitForLines(/Redis connection lost/, outage);
          // Several reconnect attempts of every client happen while Redis is away.
          await new Promise((resolve) => setTimeout(resolve, 3_000));
          await redis.restart();
          await run.waitForLines(/Redis connection back/, outage);
          const messages = logMessages(run.stdout());
          expect(messages.filter((m) => m.msg === 'Redis connection lost')).toHaveLength(outage);
          expect(messages.filter((m) => m.msg === 'Redis connection back')).toHaveLength(outage);
          // No flood: the Redis clients' own reconnect attempts are not logged (one line per client
          // per attempt before). A background job whose timer fires during the outage (the document
          // sweep, the notification outbox) may report its own failure once per outage, never more.
          const connectionNoise = messages.filter(
            (m) => m.level >= 40 && /ECONNREFUSED|Socket closed/.test(JSON.stringify(m.err ?? '')),
          );
          const perMessage = new Map<string, number>();
          for (const m of connectionNoise) perMessage.set(m.msg, (perMessage.get(m.msg) ?? 0) + 1);
          expect(perMessage.get('Redis connection lost')).toBe(outage);
          for (const [message, count] of perMessage)
            expect(count, `"${message}" logged ${count} times in ${outage} outage(s)`).toBeLessThanOrEqual(
              outage,
            );
        }
        run.child.kill('SIGTERM');
        expect(await run.exited).toBe(0);
      } finally {
        await redis?.stop();
        redis = undefined;
      }
    },
  );
});
