/**
 * Runs the real `tanya` command as a child process, the way an operator or a script would.
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

/**
 * Runs `tanya ...args` with `stdin`, returning stdout lines, stderr and the exit code. Each run gets
 * its own temporary DATA_DIR and no Redis unless `env` says otherwise.
 */
export function runTanya(
  args: string[],
  stdin = '',
  env: Record<string, string> = {},
): Promise<{ lines: string[]; stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATA_DIR: tempDataDir(), REDIS_URL: '', ...env },
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
