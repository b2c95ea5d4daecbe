/**
 * A process killed (SIGKILL) in the middle of a claim loses no uploaded document it had already
 * acknowledged. With Redis (append-only file, as in production) the conversation itself survives
 * too: a new process continues the claim at the next document, and the submitted claim refers to
 * the documents sent before the crash, whose bytes read back intact. With the embedded store
 * (no Redis) the acknowledged files are on disk, intact and findable by conversation.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimData } from '../../src/claims/record.js';
import { conversationHash, DocumentStore } from '../../src/store/documents.js';
import { RedisRecordStore } from '../../src/store/redis-record-store.js';
import { NIK_JAKARTA } from '../helpers/claims.js';
import { writeSampleFiles } from '../helpers/files.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tanya.js');

interface Turn {
  replies: Array<{ kind: string; text?: string }>;
  awaiting: { dialog: string; step: string } | null;
  error?: string;
}

/** A running `tanya chat --json`: one line in, one parsed line out. */
class ChatProcess {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: string[] = [];
  readonly #waiting: Array<(line: string) => void> = [];
  stderr = '';

  constructor(env: Record<string, string>, user: string) {
    this.#child = spawn(process.execPath, [BIN, 'chat', '--json', '--user', user], {
      env: { ...process.env, REDIS_URL: '', LOG_LEVEL: 'warn', ...env },
    });
    this.#child.stderr.on('data', (chunk) => (this.stderr += String(chunk)));
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      const waiter = this.#waiting.shift();
      if (waiter) waiter(line);
      else this.#lines.push(line);
    });
  }

  async send(input: object): Promise<Turn> {
    this.#child.stdin.write(`${JSON.stringify(input)}\n`);
    const line =
      this.#lines.shift() ??
      (await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no answer to ${JSON.stringify(input)}\n${this.stderr}`)),
          30_000,
        );
        this.#waiting.push((value) => {
          clearTimeout(timer);
          resolve(value);
        });
      }));
    return JSON.parse(line) as Turn;
  }

  /** Kills the process without any chance to clean up, and waits for it to be gone. */
  async kill(): Promise<void> {
    const gone = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.kill('SIGKILL');
    await gone;
  }

  async end(): Promise<void> {
    const gone = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.stdin.end();
    await gone;
  }
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let files: ReturnType<typeof writeSampleFiles>;
let redis: TestRedis;
beforeAll(async () => {
  files = writeSampleFiles(200_000);
  redis = await startRedis({ persistent: true });
});
afterAll(async () => {
  await redis?.stop();
});

/** The claim up to the KPJ card and the KTP, both acknowledged. */
async function startClaim(chat: ChatProcess): Promise<void> {
  await chat.send({ choice: 'start:claim' });
  await chat.send({ text: 'resign' });
  await chat.send({ text: '60 hari lalu' });
  await chat.send({ text: NIK_JAKARTA });
  await chat.send({ text: '1234-5678-901' });
  expect((await chat.send({ text: 'Siti Aminah' })).awaiting?.step).toBe('doc_kpj_card');
  const card = await chat.send({ file: { path: files.jpeg, mime: 'image/jpeg' } });
  expect(card.awaiting?.step).toBe('doc_ktp');
  expect(card.replies.map((reply) => reply.text ?? '').join()).toContain('diterima');
  const ktp = await chat.send({ file: { path: files.pdf } });
  expect(ktp.awaiting?.step).toBe('doc_paklaring');
}

describe('a process killed mid-claim', () => {
  it(
    'with Redis: continues after the crash, and the claim keeps the documents acknowledged before it',
    { timeout: 120_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tanya-kill-'));
      const env = { DATA_DIR: dataDir, REDIS_URL: redis.url, REDIS_PREFIX: 'kill:' };
      const first = new ChatProcess(env, 'killed');
      await startClaim(first);
      await first.kill();

      const second = new ChatProcess(env, 'killed');
      const next = await second.send({ file: { path: files.pdf } });
      expect(next.awaiting?.step, second.stderr).toBe('doc_kk');
      for (const input of [
        { file: { path: files.pdf } },
        { file: { path: files.pdf } },
        { text: 'lewati' },
        { file: { path: files.jpeg, mime: 'image/jpeg' } },
        { text: 'BRI' },
        { text: '0123456789' },
        { text: 'Siti Aminah' },
        { text: '1' },
      ]) {
        await second.send(input);
      }
      const done = await second.send({ choice: 'confirm:yes' });
      const ticket = /LA-\d{8}-[0-9A-Z]{6}/.exec(
        done.replies.map((reply) => reply.text ?? '').join('\n'),
      )?.[0];
      expect(ticket, JSON.stringify(done)).toBeDefined();
      await second.end();

      const records = await RedisRecordStore.connect(redis.url, 'kill:');
      const claim = claimData((await records.get(ticket ?? ''))!);
      await records.close();
      const documents = DocumentStore.openSync(dataDir);
      const byType = new Map(claim?.documents.map((doc) => [doc.type, doc]));
      for (const [type, path] of [
        ['kpj_card', files.jpeg],
        ['ktp', files.pdf],
      ] as const) {
        const doc = byType.get(type);
        expect(doc, `${type} in ${JSON.stringify(claim?.documents)}`).toBeDefined();
        const stored = await documents.read(doc?.id ?? '');
        expect(createHash('sha256').update(stored.bytes).digest('hex')).toBe(sha256(path));
      }
    },
  );

  it(
    'with the embedded store: the acknowledged files are on disk, intact, and findable by conversation',
    { timeout: 120_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tanya-kill-mem-'));
      const chat = new ChatProcess({ DATA_DIR: dataDir }, 'killed-mem');
      await startClaim(chat);
      await chat.kill();

      const documents = DocumentStore.openSync(dataDir);
      const mine = (await documents.list()).filter(
        (meta) =>
          meta.conversation ===
          conversationHash({ channel: 'cli', conversationId: 'killed-mem', userId: 'killed-mem' }),
      );
      expect(mine.map((meta) => meta.type).sort()).toEqual(['kpj_card', 'ktp']);
      for (const meta of mine) {
        const { bytes } = await documents.read(meta.id);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(meta.sha256);
        expect(meta.sha256).toBe(sha256(meta.type === 'ktp' ? files.pdf : files.jpeg));
      }
    },
  );
});
