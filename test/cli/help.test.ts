/**
 * `tanya --help` and the help and argument checks of every subcommand, run as real processes
 * (`node bin/tanya.js …`): help exits 0 with the usage, `serve --help` starts nothing, unknown
 * options exit 2 with the usage, and subcommands are imported only when they run (traced with a
 * module loader hook preloaded by `node --import`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../helpers/tanya.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tanya.js');
const TRACE = join(import.meta.dirname, 'fixtures', 'trace-imports.mjs');
const SUBCOMMANDS = ['serve', 'chat', 'faq', 'nlu', 'content', 'records', 'events', 'agents'];
/** Generous: a run that has not exited by then is killed and reported (a started server, a hang). */
const PROCESS_TIMEOUT_MS = 20_000;

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
  /** Whether the run was killed at {@link PROCESS_TIMEOUT_MS}. */
  killed: boolean;
}

/** Runs `tanya ...args` (stdin closed, its own DATA_DIR, no Redis), killing it after the timeout. */
function tanya(args: string[], options: { nodeArgs?: string[]; env?: Record<string, string> } = {}) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
      env: { ...process.env, REDIS_URL: '', LOG_LEVEL: 'warn', DATA_DIR: tempDataDir(), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, PROCESS_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, killed });
    });
  });
}

/** Runs `tanya ...args` with the import tracer; returns the run and the imported module URLs. */
async function traced(args: string[]): Promise<{ run: Run; modules: string[] }> {
  const file = join(mkdtempSync(join(tmpdir(), 'tanya-trace-')), 'modules.txt');
  writeFileSync(file, '');
  const run = await tanya(args, { nodeArgs: ['--import', TRACE], env: { TANYA_TRACE_FILE: file } });
  return { run, modules: readFileSync(file, 'utf8').split('\n').filter(Boolean) };
}

const CHAT_LIBRARIES = /\/node_modules\/(botbuilder|@whiskeysockets\/baileys|grammy)\//;

describe('tanya --help', () => {
  it('lists every subcommand with its summary in aligned columns, and exits 0', async () => {
    for (const args of [['--help'], ['-h'], []]) {
      const run = await tanya(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: tanya <command>/);
      const block = run.stdout.split('Commands:\n')[1]?.split('\n\n')[0] ?? '';
      const rows = block.split('\n').map((line) => /^ {2}(\w+)( +)(\S.*)$/.exec(line));
      expect(rows.map((row) => row?.[1])).toEqual(SUBCOMMANDS);
      const columns = new Set(
        rows.map((row) => (row ? row.index + 2 + row[1]!.length + row[2]!.length : -1)),
      );
      expect(columns.size).toBe(1);
    }
  });

  it('refuses an unknown command with exit code 2 and the list of commands', async () => {
    const run = await tanya(['serv']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tanya: unknown command: serv\nUsage: tanya <command>/);
  });
});

describe.each(SUBCOMMANDS)('tanya %s', (name) => {
  it('answers --help and -h with its usage and exits 0', async () => {
    const [long, short] = await Promise.all([tanya([name, '--help']), tanya([name, '-h'])]);
    for (const run of [long, short]) {
      expect(run.killed).toBe(false);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage:\n {2}tanya /);
      expect(run.stdout).toContain(`tanya ${name}`);
      expect(run.stderr).toBe('');
    }
    expect(short.stdout).toBe(long.stdout);
  });

  it('refuses an unknown option with exit code 2 and its usage', async () => {
    const run = await tanya([name, '--no-such-option']);
    expect(run.killed).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tanya: Unknown option '--no-such-option'/);
    expect(run.stderr).toContain(`Usage:\n  tanya ${name}`);
  });
});

describe('tanya serve arguments', () => {
  it('--help prints the usage without starting a server', async () => {
    const run = await tanya(['serve', '--help'], { env: { LOG_LEVEL: 'info', PORT: '0' } });
    // A started server would keep running until killed; this one exits by itself, having logged nothing.
    expect(run.killed).toBe(false);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/listening|starting/);
    expect(run.stdout).toMatch(/^Usage:\n {2}tanya serve\n/);
  });

  it('refuses a positional argument with exit code 2 instead of starting', async () => {
    const run = await tanya(['serve', 'now'], { env: { LOG_LEVEL: 'info', PORT: '0' } });
    expect(run.killed).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tanya: Unexpected argument 'now'/);
    expect(run.stdout).toBe('');
  });
});

describe('lazy subcommands', () => {
  it('tanya --help and tanya records list import no chat platform library', async () => {
    const [help, records] = await Promise.all([traced(['--help']), traced(['records', 'list'])]);
    expect(help.run.code).toBe(0);
    expect(records.run.code).toBe(0);
    expect(records.run.stdout).toBe('0 record(s)\n');
    // The tracer saw the modules that did load (so an empty list proves nothing by accident).
    expect(help.modules.some((url) => url.endsWith('/src/cli.ts'))).toBe(true);
    expect(records.modules.some((url) => url.endsWith('/src/cli/records.ts'))).toBe(true);
    expect(records.modules.some((url) => url.includes('/node_modules/zod/'))).toBe(true);
    expect(help.modules.filter((url) => CHAT_LIBRARIES.test(url))).toEqual([]);
    expect(records.modules.filter((url) => CHAT_LIBRARIES.test(url))).toEqual([]);
    expect(help.modules.filter((url) => url.includes('/src/cli/'))).toEqual([
      expect.stringMatching(/\/src\/cli\/command\.ts$/),
    ]);
  });

  it('the tracer does see botbuilder when a command needs it (tanya serve)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tanya-trace-')), 'modules.txt');
    writeFileSync(file, '');
    // Refused after loading the server's modules: the busy-port check needs no server left running.
    const run = await tanya(['serve'], {
      nodeArgs: ['--import', TRACE],
      env: { TANYA_TRACE_FILE: file, PORT: '1', HOST: '203.0.113.1' },
    });
    expect(run.killed).toBe(false);
    expect(run.code).toBe(2);
    const modules = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(modules.some((url) => url.includes('/node_modules/botbuilder/'))).toBe(true);
  });
});
