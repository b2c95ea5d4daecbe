/**
 * The Telegram channel in webhook mode: real-shaped updates POSTed to the fastify route (real HTTP
 * on loopback), grammY's handleUpdate, replies to a fake Bot API; MarkdownV2 parse mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/adapter.js';
import { ConfigError } from '../../src/config.js';
import type { Engine } from '../../src/engine/engine.js';
import { serveChannel, type ServedChannel } from './telegram-botframework-fixtures.js';
import { FakeBotApi, markdownV2Problem, TelegramUser, type RecordedCall } from './telegram-fake.js';

const SECRET = 'webhook-secret_123';
const WEBHOOK_URL = 'https://bot.example.com/telegram/webhook';

let fake: FakeBotApi;
let served: ServedChannel<TelegramChannel>;
let engine: Engine;
let channel: TelegramChannel;
let base: string;
const lines: string[] = [];
let nextUserId = 920_000;

function sentTo(user: TelegramUser): RecordedCall[] {
  return fake.callsOf('sendMessage').filter((call) => call.payload.chat_id === user.id);
}

function post(
  body: unknown,
  headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET },
) {
  return served.post('/telegram/webhook', body, headers);
}

/** POSTs an update and waits for `count` more messages to the chat. */
async function exchange(
  user: TelegramUser,
  update: Record<string, unknown>,
  count = 1,
): Promise<RecordedCall[]> {
  const before = sentTo(user).length;
  const response = await post(update);
  expect(response.status).toBe(200);
  await fake.waitFor(() => sentTo(user).length >= before + count);
  return sentTo(user).slice(before);
}

beforeAll(async () => {
  fake = await FakeBotApi.start();
  served = await serveChannel(
    (app) =>
      createTelegramChannel(
        app,
        {
          TELEGRAM_BOT_TOKEN: fake.token,
          TELEGRAM_API_ROOT: fake.apiRoot,
          TELEGRAM_WEBHOOK_URL: WEBHOOK_URL,
          TELEGRAM_WEBHOOK_SECRET: SECRET,
          DEFAULT_LOCALE: 'id',
        },
        { parseMode: 'MarkdownV2', outbox: { minIntervalMs: 5, jitterMs: 0 } },
      ),
    { lines },
  );
  ({ engine, channel, base } = served);
});

afterAll(async () => {
  await served?.close();
  await fake?.close();
});

describe('Telegram over a webhook (fastify route ⇄ grammY ⇄ fake Bot API)', () => {
  it('registers the webhook with its secret token at start', () => {
    expect(channel.mode).toBe('webhook');
    expect(fake.callsOf('setWebhook')[0]?.payload).toEqual({
      url: WEBHOOK_URL,
      secret_token: SECRET,
      allowed_updates: ['message', 'edited_message', 'callback_query'],
    });
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
  });

  it('rejects a missing or wrong secret token with 401 and processes nothing', async () => {
    const user = new TelegramUser(++nextUserId);
    expect((await post(user.text('/start'), {})).status).toBe(401);
    expect((await post(user.text('/start'), { 'x-telegram-bot-api-secret-token': 'nope' })).status).toBe(401);
    expect((await post('{not json', {})).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sentTo(user)).toHaveLength(0);
    expect(await engine.session(`telegram:${user.id}`)).toBeUndefined();
    expect(lines.some((line) => line.includes('wrong or missing secret token'))).toBe(true);
  });

  it('answers malformed payloads with 4xx and a log line, and keeps serving', async () => {
    expect((await post('{not json')).status).toBe(400);
    expect((await post({ message: { text: 'hi' } })).status).toBe(400);
    expect((await post({ update_id: 'one' })).status).toBe(400);
    expect(
      (await post({ update_id: 5, message: { message_id: 1, date: 1, chat: { id: 'x' }, text: 7 } })).status,
    ).toBe(400);
    expect((await post([1, 2, 3])).status).toBe(400);
    const huge = JSON.stringify({ update_id: 9, message: { text: 'x'.repeat(1024 * 1024 + 10) } });
    expect((await post(huge)).status).toBe(413);
    expect(lines.filter((line) => line.includes('malformed update')).length).toBeGreaterThanOrEqual(4);
    expect(lines.some((line) => line.includes('request failed') && line.includes('413'))).toBe(true);
    // Other update kinds are valid and simply ignored.
    expect((await post({ update_id: 77, my_chat_member: { chat: { id: 1 } } })).status).toBe(200);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
  });

  it('serves /start and ignores the same update POSTed twice', async () => {
    const user = new TelegramUser(++nextUserId);
    const update = user.text('/start');
    const [menu] = await exchange(user, update);
    expect(String(menu?.payload.text)).toContain('*Tanya*');
    expect(menu?.payload.parse_mode).toBe('MarkdownV2');
    expect((await post(update)).status).toBe(200); // Telegram retrying a webhook it thinks failed
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sentTo(user)).toHaveLength(1);
  });

  it('completes a multi-step dialog and escapes the user’s own text in MarkdownV2', async () => {
    const user = new TelegramUser(++nextUserId);
    expect((await exchange(user, user.tap('start:test-form')))[0]?.payload.text).toBe('Siapa nama Anda?');
    const name = 'Budi_*[x]* (v1.0)! #1 a_b';
    expect((await exchange(user, user.text(name)))[0]?.payload.text).toBe('Berapa umur Anda?');
    await exchange(user, user.text('30'));
    const [done] = await exchange(user, user.tap('blue', 'Biru muda'));
    const text = String(done?.payload.text);
    expect(markdownV2Problem(text)).toBeUndefined();
    expect(text).toBe('Selesai: Budi\\_\\*\\[x\\]\\* \\(v1\\.0\\)\\! \\#1 a\\_b, 30, blue');
    expect(fake.calls.some((call) => call.method === 'sendMessage' && !call.payload.parse_mode)).toBe(false);
  });

  it('answers the callback query so the client stops its spinner', async () => {
    const user = new TelegramUser(++nextUserId);
    const tap = user.tap('intent:menu', 'Menu utama');
    await exchange(user, tap);
    const id = (tap.callback_query as { id: string }).id;
    expect(fake.callsOf('answerCallbackQuery').some((call) => call.payload.callback_query_id === id)).toBe(
      true,
    );
  });
});

describe('Telegram configuration', () => {
  it('needs a secret with a webhook URL, and a token', () => {
    const host = { engine, translator: { translate: () => () => '' }, log: { warn() {} } } as never;
    expect(() =>
      createTelegramChannel(host, {
        TELEGRAM_BOT_TOKEN: 't',
        TELEGRAM_WEBHOOK_URL: WEBHOOK_URL,
        TELEGRAM_WEBHOOK_SECRET: undefined,
        TELEGRAM_API_ROOT: undefined,
        DEFAULT_LOCALE: 'id',
      }),
    ).toThrow(ConfigError);
    expect(() =>
      createTelegramChannel(host, {
        TELEGRAM_BOT_TOKEN: undefined,
        TELEGRAM_WEBHOOK_URL: undefined,
        TELEGRAM_WEBHOOK_SECRET: undefined,
        TELEGRAM_API_ROOT: undefined,
        DEFAULT_LOCALE: 'id',
      }),
    ).toThrow(/TELEGRAM_BOT_TOKEN/);
  });
});
