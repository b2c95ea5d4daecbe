/**
 * Runs the real `tanya` command (`node bin/tanya.js …`) as a separate process, the way an operator
 * or a script would, with the environment a test gives it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tanya.js');

/** What a `tanya` run printed. */
export interface TanyaRun {
  lines: string[];
  stderr: string;
  code: number | null;
}

/** Runs `tanya ...args` with `stdin` and `env` (REDIS_URL empty unless given). */
export function runTanya(args: string[], stdin: string, env: Record<string, string>): Promise<TanyaRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, REDIS_URL: '', LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ lines: stdout.split('\n').filter(Boolean), stderr, code }));
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
