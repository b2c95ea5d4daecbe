/**
 * Runs the real `tanya` command (`node bin/tanya.js …`) as a separate process, the way an operator
 * or a script would, with the environment a test gives it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tanya.js');

/** A fresh temporary DATA_DIR. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'tanya-cli-'));
}

/** What a `tanya` run printed, and how it exited. */
export interface TanyaRun {
  /** The non-empty lines of stdout. */
  lines: string[];
  stdout: string;
  stderr: string;
  code: number | null;
}

/**
 * Runs `tanya ...args` with `stdin`. Unless `env` says otherwise, the run has no Redis, logs only
 * warnings and errors, and gets its own temporary DATA_DIR.
 */
export function runTanya(args: string[], stdin = '', env: Record<string, string> = {}): Promise<TanyaRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        REDIS_URL: '',
        LOG_LEVEL: 'warn',
        ...env,
        DATA_DIR: env.DATA_DIR ?? tempDataDir(),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ lines: stdout.split('\n').filter(Boolean), stdout, stderr, code }));
    child.stdin.end(stdin);
  });
}

/** One output line of `tanya chat --json`. */
export interface ChatTurn {
  replies: { kind: string; text?: string; choices?: { id: string; label: string }[]; accept?: string[] }[];
  awaiting: { dialog: string; step: string } | null;
  error?: string;
}

/** Runs a `tanya chat --json` conversation: one input object per turn, one parsed output per turn. */
export async function chat(
  inputs: object[],
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ turns: ChatTurn[]; stderr: string; code: number | null }> {
  const run = await runTanya(
    ['chat', '--json', ...args],
    inputs.map((input) => JSON.stringify(input)).join('\n') + '\n',
    env,
  );
  return { turns: run.lines.map((line) => JSON.parse(line) as ChatTurn), stderr: run.stderr, code: run.code };
}

/** All reply texts of a turn, joined. */
export function textOf(turn: ChatTurn | undefined): string {
  return (turn?.replies ?? []).map((reply) => reply.text ?? '').join('\n');
}
