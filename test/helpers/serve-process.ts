/**
 * The real `tanya serve` process for tests that watch it as an operator does (`node bin/tanya.js
 * serve`): what it prints, how it exits, and when it answers over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { tempDataDir } from './tanya.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tanya.js');
/** Generous: a run that has not exited by then is killed and reported as hanging. */
export const PROCESS_TIMEOUT_MS = 20_000;

/** A `tanya serve` process and what it printed so far. */
export interface Served {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code, or `'hung'` when it was killed at {@link PROCESS_TIMEOUT_MS}. */
  readonly exited: Promise<number | 'hung'>;
  /** Resolves once stdout has `count` lines matching `pattern` (rejects if the process exits first). */
  waitForLines(pattern: RegExp, count?: number): Promise<void>;
}

const running: ChildProcess[] = [];

/** Kills every process {@link serveProcess} started that is still running (call it in `afterEach`). */
export function killServedProcesses(): void {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
}

/** Starts `tanya serve` with `env` on top of: no Redis, a fresh DATA_DIR, info logs, loopback. */
export function serveProcess(env: Record<string, string>, { timeout = true } = {}): Served {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      REDIS_URL: '',
      DATA_DIR: tempDataDir(),
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (chunk) => {
    stdout += String(chunk);
    for (const check of waiters) check();
  });
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number | 'hung'>((resolve) => {
    let hung = false;
    const timer = timeout
      ? setTimeout(() => {
          hung = true;
          child.kill('SIGKILL');
        }, PROCESS_TIMEOUT_MS)
      : undefined;
    child.on('close', (code) => {
      clearTimeout(timer);
      for (const check of waiters) check();
      resolve(hung ? 'hung' : (code ?? -1));
    });
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForLines(pattern, count = 1) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (stdout.split('\n').filter((line) => pattern.test(line)).length >= count) {
            waiters.delete(check);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            waiters.delete(check);
            reject(new Error(`tanya serve exited before printing ${pattern}:\n${stdout}\n${stderr}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Waits until `url` answers at all (any status), or fails when the process exits or after 30 s. */
export async function waitForHttp(run: Served, url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(url)
      .then(() => true)
      .catch(() => false))
  ) {
    if (Date.now() > deadline || run.child.exitCode !== null)
      throw new Error(`${url} never answered:\n${run.stdout()}\n${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
