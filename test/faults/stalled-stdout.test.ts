/**
 * SIGTERM while nobody reads stdout: the real `node bin/tanya.js serve` process logs (a warning per
 * bad request, each with a long URL) into a stdout pipe whose reader has stopped reading, far more
 * than the pipe holds. It must still stop on SIGTERM within the shutdown grace period: logging may
 * drop lines but must not block the process. Before the fix every log call blocked once the pipe was
 * full, the signal was never handled and the process hung until killed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/redis.js';
import { tempDataDir } from '../helpers/tanya.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tanya.js');
const GRACE_MS = 2_000;
/** Generous: a process that has not exited by then is killed and reported as hanging. */
const PROCESS_TIMEOUT_MS = 20_000;
/** Requests of ~8 KB of log each: several MB, far beyond any pipe buffer. */
const REQUESTS = 600;
const LONG_QUERY = `q=${'a'.repeat(8_000)}`;

const children: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('SIGTERM with a stalled stdout reader', () => {
  it('exits within the grace period although stdout is not read', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: tempDataDir(),
        REDIS_URL: '',
        LOG_LEVEL: 'debug',
        SHUTDOWN_GRACE_MS: String(GRACE_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    // The reader stops reading: the pipe fills once the server has logged a few hundred KB.
    child.stdout.pause();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const exited = new Promise<number | 'hung'>((resolve) => {
      let hung = false;
      const timer = setTimeout(() => {
        hung = true;
        child.kill('SIGKILL');
      }, PROCESS_TIMEOUT_MS);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(hung ? 'hung' : (code ?? -1));
      });
    });

    const deadline = Date.now() + 30_000;
    while (
      !(await fetch(`${base}/healthz`)
        .then((r) => r.ok)
        .catch(() => false))
    ) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`server did not start:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Each bad request logs a warning with its URL. A server blocked on its log stops answering:
    // stop sending then (that is the fault this test is about), the SIGTERM below must still work.
    let answered = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const status = await fetch(`${base}/api/messages?${LONG_QUERY}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{not json',
        signal: AbortSignal.timeout(3_000),
      })
        .then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        })
        .catch(() => 0);
      if (status === 0) break;
      expect(status).toBe(400);
      answered++;
    }

    child.kill('SIGTERM');
    const code = await exited;
    expect(code, `answered ${answered} requests; stderr:\n${stderr}`).toBe(0);
    // Nothing read stdout, so lines were dropped (not blocked on), and the operator is told.
    expect(answered).toBe(REQUESTS);
    expect(stderr).toMatch(/^tanya: stdout is not being read: \d+ log line\(s\) dropped/m);
  });
});
