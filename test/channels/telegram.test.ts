/**
 * The Telegram channel over long polling, through the real grammY and @grammyjs/auto-retry, against
 * a fake Bot API server on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileFetchError } from '../../src/channels/channel.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/adapter.js';
import { TELEGRAM_TEXT_LIMIT } from '../../src/channels/telegram/map.js';
import { createTranslator } from '../../src/engine/i18n.js';
import type { Engine } from '../../src/engine/engine.js';
import { createLogger } from '../../src/log/logger.js';
import { channelTestEngine, LONG_TEXT } from './telegram-botframework-fixtures.js';
import { FakeBotApi, TelegramUser, type RecordedCall } from './telegram-fake.js';

let fake: FakeBotApi;
let engine: Engine;
let channel: TelegramChannel;
const logLines: string[] = [];
let nextUserId = 910_000;

function newUser(language = 'id'): TelegramUser {
  return new TelegramUser(++nextUserId, language);
}

/** Messages sent to one chat. */
function sentTo(user: TelegramUser, method = 'sendMessage'): RecordedCall[] {
  return fake.callsOf(method).filter((call) => call.payload.chat_id === user.id);
}

function textsTo(user: TelegramUser): string[] {
  return sentTo(user).map((call) => String(call.payload.text));
}

function callbackDataOf(call: RecordedCall | undefined): string[] {
  const markup = call?.payload.reply_markup as
    { inline_keyboard?: Array<Array<{ callback_data: string }>> } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((button) => button.callback_data);
}

/** Pushes an update and waits until the chat has received `count` more messages. */
async function exchange(
  user: TelegramUser,
  update: Record<string, unknown>,
  count = 1,
): Promise<RecordedCall[]> {
  const before = sentTo(user).length;
  fake.pushUpdate(update);
  await fake.waitFor(() => sentTo(user).length >= before + count);
  return sentTo(user).slice(before);
}

beforeAll(async () => {
  fake = await FakeBotApi.start();
  engine = channelTestEngine();
  const host = {
    engine,
    translator: createTranslator(),
    log: createLogger('debug', { write: (line: string) => void logLines.push(line) }),
  };
  channel = createTelegramChannel(
    host,
    { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DEFAULT_LOCALE: 'id' },
    { outbox: { minIntervalMs: 5, jitterMs: 0 }, pollingTimeoutSec: 1 },
  );
  await channel.start();
});

afterAll(async () => {
  await channel?.stop();
  await engine?.drain();
  await fake?.close();
});

describe('Telegram over long polling (grammY ⇄ fake Bot API)', () => {
  it('starts by deleting any webhook and long polling getUpdates', async () => {
    expect(channel.mode).toBe('polling');
    await fake.waitFor((calls) => calls.some((call) => call.method === 'getUpdates'));
    expect(fake.callsOf('getMe')).toHaveLength(1);
    expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
    const poll = fake.callsOf('getUpdates')[0];
    expect(poll?.payload).toMatchObject({
      timeout: 1,
      allowed_updates: ['message', 'edited_message', 'callback_query'],
    });
    expect(logLines.some((line) => line.includes('Telegram is on (long polling)'))).toBe(true);
  });

  it('/start shows the menu as an inline keyboard', async () => {
    const user = newUser();
    const [menu] = await exchange(user, user.text('/start'));
    expect(menu?.payload).toMatchObject({ parse_mode: 'HTML' });
    expect(String(menu?.payload.text)).toContain('<b>Tanya</b>');
    expect(callbackDataOf(menu)).toEqual(expect.arrayContaining(['intent:agent', 'lang:en']));
  });

  it('runs the language flow: /bahasa, a tap on English (callback answered), English from then on', async () => {
    const user = newUser();
    const [prompt] = await exchange(user, user.text('/bahasa'));
    expect(callbackDataOf(prompt)).toEqual(['lang:id', 'lang:en']);
    const tap = user.tap('lang:en', 'English');
    const [confirmation] = await exchange(user, tap);
    expect(confirmation?.payload.text).toBe("Okay, let's continue in English.");
    const queryId = (tap.callback_query as { id: string }).id;
    expect(fake.callsOf('answerCallbackQuery').map((call) => call.payload.callback_query_id)).toContain(
      queryId,
    );
    const [menu] = await exchange(user, user.text('/menu'));
    expect(String(menu?.payload.text)).toMatch(/How can I help/);
  });

  it('answers a FAQ-style question', async () => {
    const user = newUser();
    const replies = await exchange(user, user.text('apa itu JHT?'));
    expect(replies.map((call) => String(call.payload.text)).join('\n')).toMatch(/JHT|Jaminan Hari Tua/i);
  });

  it('completes a multi-step dialog: text answers, then an inline-keyboard choice', async () => {
    const user = newUser();
    expect((await exchange(user, user.tap('start:test-form')))[0]?.payload.text).toBe('Siapa nama Anda?');
    expect((await exchange(user, user.text('Budi')))[0]?.payload.text).toBe('Berapa umur Anda?');
    const [colours] = await exchange(user, user.text('30'));
    expect(callbackDataOf(colours)).toEqual(['red', 'green', 'blue']);
    const [done] = await exchange(user, user.tap('green', 'Hijau'));
    expect(done?.payload.text).toBe('Selesai: Budi, 30, green');
  });

  it('answers an update delivered twice only once, and a redelivered message only once', async () => {
    const user = newUser();
    await exchange(user, user.tap('start:test-echo'));
    const update = user.text('satu');
    fake.pushUpdate(update);
    fake.pushUpdate(update); // same update_id in the same batch
    const redelivered = { ...update, update_id: TelegramUser.updateId() }; // same message, new update id
    fake.pushUpdate(redelivered);
    const marker = user.text('dua');
    await exchange(user, marker);
    expect(textsTo(user).filter((text) => text.includes('"text":"satu"'))).toHaveLength(1);
    expect(logLines.some((line) => line.includes('duplicate update dropped'))).toBe(true);
  });

  it('replies to unsupported kinds with a localized notice, without calling the engine', async () => {
    const user = newUser('en');
    const [notice] = await exchange(
      user,
      user.message({
        sticker: {
          file_id: 'stk',
          file_unique_id: 's',
          width: 512,
          height: 512,
          type: 'regular',
          is_animated: false,
          is_video: false,
        },
      }),
    );
    expect(notice?.payload.text).toMatch(/I can read text, locations, photos and documents/);
    expect(await engine.session(`telegram:${user.id}`)).toBeUndefined();
    const indonesian = newUser('id');
    const [pesan] = await exchange(
      indonesian,
      indonesian.message({ voice: { file_id: 'v', file_unique_id: 'v', duration: 2 } }),
    );
    expect(pesan?.payload.text).toMatch(/teks, lokasi, foto, dan dokumen/);
  });

  it('splits a long text into messages of at most 4096 characters', async () => {
    const user = newUser();
    const parts = await exchange(user, user.tap('start:test-long'), 3);
    const texts = parts.map((call) => String(call.payload.text));
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(texts.join('\n\n')).toBe(LONG_TEXT);
  });

  it('retries a 429 after retry_after (auto-retry) and delivers', async () => {
    const user = newUser();
    fake.failNext('sendMessage', {
      code: 429,
      description: 'Too Many Requests: retry after 1',
      retryAfter: 1,
    });
    const started = Date.now();
    const before = sentTo(user).length;
    fake.pushUpdate(user.text('/menu'));
    await fake.waitFor(() => sentTo(user).length >= before + 2, 8000);
    const attempts = sentTo(user).slice(before);
    expect(attempts[0]?.payload).toEqual(attempts[1]?.payload);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    // Nothing more than the one retry: the menu arrived.
    expect(callbackDataOf(attempts[1])).toContain('lang:en');
  });

  it('asks for a location with a keyboard button, then sends a venue and removes the keyboard', async () => {
    const user = newUser();
    const [ask] = await exchange(user, user.tap('start:test-where'));
    expect(ask?.payload.reply_markup).toEqual({
      keyboard: [[{ text: '📍 Kirim lokasi saya', request_location: true }]],
      resize_keyboard: true,
      one_time_keyboard: true,
    });
    const before = sentTo(user, 'sendVenue').length;
    const [after] = await exchange(user, user.message({ location: { latitude: -6.21, longitude: 106.82 } }));
    const [venue] = sentTo(user, 'sendVenue').slice(before);
    expect(venue?.payload).toMatchObject({
      latitude: -6.2,
      longitude: 106.82,
      title: 'Kantor Cabang Jakarta <Selatan> & Co',
      reply_markup: { remove_keyboard: true },
    });
    expect(after?.payload.text).toBe('Itu kantor terdekat.');
  });

  it('maps photos, documents and live locations, and fetches files with getFile', async () => {
    const user = newUser();
    await exchange(user, user.tap('start:test-echo'));
    fake.files.set('photo-big', { content: Buffer.from('JPEG-BYTES') });
    const [photo] = await exchange(
      user,
      user.message({
        caption: 'KTP',
        photo: [
          { file_id: 'photo-small', file_unique_id: 'a', width: 90, height: 90, file_size: 10 },
          { file_id: 'photo-big', file_unique_id: 'b', width: 800, height: 800, file_size: 10 },
        ],
      }),
    );
    expect(JSON.parse(String(photo?.payload.text).slice('echo:'.length))).toEqual({
      kind: 'image',
      file: { ref: 'photo-big', mime: 'image/jpeg', size: 10 },
      caption: 'KTP',
      localeHint: 'id',
    });
    expect((await channel.fetchFile({ ref: 'photo-big' }, 1024)).toString()).toBe('JPEG-BYTES');

    const [doc] = await exchange(
      user,
      user.message({
        document: {
          file_id: 'pdf-1',
          file_unique_id: 'p',
          file_name: 'kk.pdf',
          mime_type: 'application/pdf',
          file_size: 3,
        },
      }),
    );
    expect(String(doc?.payload.text)).toContain('"kind":"document"');

    const live = user.message({ location: { latitude: -6.3, longitude: 106.9, live_period: 600 } });
    await exchange(user, live);
    const message = live.message as Record<string, unknown>;
    const [moved] = await exchange(user, {
      update_id: TelegramUser.updateId(),
      edited_message: {
        ...message,
        location: { latitude: -6.31, longitude: 106.9, live_period: 600 },
        edit_date: (message.date as number) + 30,
      },
    });
    expect(String(moved?.payload.text)).toContain('"live":true');
    expect(String(moved?.payload.text)).toContain('-6.31');
  });

  it('refuses files over the 20 MB Bot API limit or the caller’s limit, and unknown files', async () => {
    fake.files.set('huge', { content: Buffer.from('x'), size: 25 * 1024 * 1024 });
    fake.files.set('small', { content: Buffer.alloc(2048) });
    await expect(channel.fetchFile({ ref: 'huge' }, 50 * 1024 * 1024)).rejects.toMatchObject({
      reason: 'too_large',
    });
    await expect(
      channel.fetchFile({ ref: 'any', size: 21 * 1024 * 1024 }, 50 * 1024 * 1024),
    ).rejects.toMatchObject({
      reason: 'too_large',
    });
    await expect(channel.fetchFile({ ref: 'small' }, 1024)).rejects.toMatchObject({ reason: 'too_large' });
    const missing = channel.fetchFile({ ref: 'nope' }, 1024);
    await expect(missing).rejects.toBeInstanceOf(FileFetchError);
    await expect(missing).rejects.toMatchObject({ reason: 'not_found' });
  });

  it('delivers proactive messages with send()', async () => {
    const user = newUser();
    await channel.send({ channel: 'telegram', conversationId: String(user.id), userId: String(user.id) }, [
      { kind: 'text', text: 'Status klaim Anda: *disetujui*.' },
    ]);
    expect(textsTo(user)).toEqual(['Status klaim Anda: <b>disetujui</b>.']);
  });
});
