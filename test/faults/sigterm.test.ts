/**
 * SIGTERM during load: the real `node bin/tanya.js serve` process (Telegram in webhook mode and the
 * Bot Framework endpoint, against fake platform servers in this test) gets a burst of messages and
 * SIGTERM while they are in flight. Every request the server accepted (HTTP 200) is answered: the
 * Bot Framework reply is posted, the Telegram reply leaves the outbox before exit. Requests after
 * the shutdown began are refused (connection refused or 503), never accepted and dropped. The
 * process exits 0.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/redis.js';
import { FakeBotApi, TelegramUser } from '../channels/telegram-fake.js';
import { EmulatorUser, FakeConnector } from '../channels/botframework-fake.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tanya.js');
const SECRET = 'sigterm-secret';
const PER_CHANNEL = 60;

let fake: FakeBotApi;
let connector: FakeConnector;
beforeAll(async () => {
  fake = await FakeBotApi.start();
  connector = await FakeConnector.start();
});
afterAll(async () => {
  await fake?.close();
  await connector?.close();
});

type Result =
  | { kind: 'telegram'; chat: number; status: number }
  | { kind: 'botframework'; conversation: string; status: number };

describe('SIGTERM during load', () => {
  it(
    'drains in-flight turns: every accepted request is answered, and the process exits 0',
    { timeout: 90_000 },
    async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const child = spawn(process.execPath, [BIN, 'serve'], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: mkdtempSync(join(tmpdir(), 'tanya-sigterm-')),
          REDIS_URL: '',
          LOG_LEVEL: 'info',
          SHUTDOWN_GRACE_MS: '30000',
          TELEGRAM_BOT_TOKEN: fake.token,
          TELEGRAM_API_ROOT: fake.apiRoot,
          TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
          TELEGRAM_WEBHOOK_SECRET: SECRET,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += String(chunk)));
      child.stderr.on('data', (chunk) => (output += String(chunk)));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

      const deadline = Date.now() + 60_000;
      while (
        !(await fetch(`${base}/healthz`)
          .then((r) => r.ok)
          .catch(() => false))
      ) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`server did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await fake.waitFor((calls) => calls.some((call) => call.method === 'setWebhook'), 15_000);

      const post = async (
        path: string,
        body: unknown,
        headers: Record<string, string> = {},
      ): Promise<number> => {
        try {
          const response = await fetch(`${base}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', connection: 'close', ...headers },
            body: JSON.stringify(body),
          });
          await response.arrayBuffer();
          return response.status;
        } catch {
          return 0; // refused or reset: not accepted
        }
      };
      const requests: Array<Promise<Result>> = [];
      for (let i = 0; i < PER_CHANNEL; i++) {
        const tg = new TelegramUser(800_000 + i);
        requests.push(
          post('/telegram/webhook', tg.text('apa itu jht?'), {
            'x-telegram-bot-api-secret-token': SECRET,
          }).then((status) => ({ kind: 'telegram', chat: tg.id, status })),
        );
        const bf = new EmulatorUser(connector.serviceUrl, `sigterm${i}`);
        requests.push(
          post('/api/messages', bf.says('apa itu jht?')).then((status) => ({
            kind: 'botframework',
            conversation: bf.conversation.id,
            status,
          })),
        );
      }
      // Signal while the burst is in flight.
      await Promise.race(requests);
      child.kill('SIGTERM');
      const results = await Promise.all(requests);
      const code = await exited;

      expect(code, output).toBe(0);
      expect(output).toContain('shutting down: finishing in-flight turns');
      const accepted = results.filter((result) => result.status === 200);
      expect(accepted.length).toBeGreaterThan(0);
      for (const result of results) expect([0, 200, 503], JSON.stringify(result)).toContain(result.status);
      for (const result of accepted) {
        if (result.kind === 'telegram') {
          expect(
            fake.callsOf('sendMessage').some((call) => call.payload.chat_id === result.chat),
            `chat ${result.chat}`,
          ).toBe(true);
        } else {
          expect(connector.to(result.conversation).length, result.conversation).toBeGreaterThan(0);
        }
      }
    },
  );
});
