/**
 * Property-based fuzzing of the channel mappers (Telegram, Bot Framework, WhatsApp, terminal, web):
 * arbitrary and near-real native payloads never make a mapper throw, and whatever a mapper hands
 * the engine is a valid {@link Inbound}. The outbound side renders any outbound without throwing and
 * within each platform's limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WAMessage } from '@whiskeysockets/baileys';
import { Inbound } from '../../src/engine/types.js';
import {
  mapUpdate,
  outboundsToCalls,
  TELEGRAM_TEXT_LIMIT,
  TelegramUpdate,
} from '../../src/channels/telegram/map.js';
import {
  activityToInbound,
  IncomingActivity,
  outboundsToActivities,
} from '../../src/channels/botframework/map.js';
import { mapWhatsAppMessage, outboundToWhatsApp } from '../../src/channels/whatsapp/map.js';
import { ChatLineError, chatLineToInbound, parseChatLine } from '../../src/channels/console/map.js';
import { WebMessage, webMessageToInbound } from '../../src/channels/web/map.js';
import { anyOutbound, anyText, RUNS } from './arbitraries.js';

const address = { channel: 'cli', conversationId: 'fuzz', userId: 'fuzz' };

/** The engine accepts what the mapper produced. */
function expectValidInbound(inbound: unknown): void {
  const parsed = Inbound.safeParse(inbound);
  expect(parsed.success, JSON.stringify(parsed.error?.issues ?? []).slice(0, 500)).toBe(true);
}

const int = fc.integer({ min: -(2 ** 52), max: 2 ** 52 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

describe('fuzz: Telegram mapping', () => {
  const user = fc.record({
    id: int,
    is_bot: maybe(fc.boolean()),
    language_code: maybe(fc.string({ maxLength: 40 })),
  });
  const chat = fc.record({ id: int, type: fc.constantFrom('private', 'group', 'supergroup', 'channel', '') });
  const location = fc.record({
    latitude: fc.double({ min: -90, max: 90, noNaN: true }),
    longitude: fc.double({ min: -180, max: 180, noNaN: true }),
    live_period: maybe(fc.integer()),
  });
  const file = fc.record({
    file_id: fc.string({ minLength: 1, maxLength: 100 }),
    file_name: maybe(anyText),
    mime_type: maybe(fc.oneof(anyText, fc.constantFrom('application/pdf', 'image/jpeg'))),
    file_size: maybe(fc.nat()),
  });
  const keyboard = fc.array(
    fc.array(fc.record({ text: anyText, callback_data: maybe(fc.string({ maxLength: 80 })) }), {
      maxLength: 4,
    }),
    {
      maxLength: 4,
    },
  );
  const message = fc.record(
    {
      message_id: fc.nat(),
      date: fc.oneof(fc.nat(), fc.integer({ min: 0, max: 2 ** 52 })),
      edit_date: maybe(fc.oneof(fc.nat(), fc.integer({ min: 0, max: 2 ** 52 }))),
      chat,
      from: maybe(user),
      text: maybe(
        fc.oneof(
          anyText,
          fc.string({ maxLength: 6000 }),
          fc.constantFrom(
            '/start',
            '/start abc',
            '/menu@tanya_bot',
            '/help',
            '/',
            '/constructor',
            '/__proto__',
            '/toString@bot',
          ),
        ),
      ),
      caption: maybe(anyText),
      location: maybe(location),
      venue: maybe(fc.record({ location, title: anyText, address: anyText })),
      photo: maybe(
        fc.array(
          fc.record({
            file_id: fc.string({ minLength: 1, maxLength: 50 }),
            width: fc.nat(),
            height: fc.nat(),
            file_size: maybe(fc.nat()),
          }),
          { maxLength: 3 },
        ),
      ),
      document: maybe(file),
      reply_markup: maybe(fc.record({ inline_keyboard: keyboard })),
      sticker: maybe(fc.constant({ file_id: 'x' })),
      voice: maybe(fc.constant({ file_id: 'v' })),
    },
    { requiredKeys: ['message_id', 'date', 'chat'] },
  );
  const update = fc.record(
    {
      update_id: fc.nat(),
      message: maybe(message),
      edited_message: maybe(message),
      callback_query: maybe(
        fc.record(
          {
            id: fc.string({ minLength: 1, maxLength: 50 }),
            from: user,
            data: maybe(fc.oneof(fc.string({ maxLength: 80 }), anyText)),
            message: maybe(
              fc.record({
                message_id: fc.nat(),
                chat,
                reply_markup: maybe(fc.record({ inline_keyboard: keyboard })),
              }),
            ),
          },
          { requiredKeys: ['id', 'from'] },
        ),
      ),
    },
    { requiredKeys: ['update_id'] },
  );

  it('maps any well-formed update without throwing, to a valid inbound when it is one', () => {
    fc.assert(
      fc.property(update, (raw) => {
        const parsed = TelegramUpdate.safeParse(raw);
        if (!parsed.success) return;
        const mapped = mapUpdate(parsed.data);
        if (mapped.type === 'inbound') expectValidInbound(mapped.inbound);
      }),
      RUNS,
    );
  });

  it('validation rejects arbitrary JSON instead of throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const parsed = TelegramUpdate.safeParse(raw);
        if (parsed.success) mapUpdate(parsed.data);
      }),
      RUNS,
    );
  });

  it('renders any outbounds as calls within Telegram limits', () => {
    fc.assert(
      fc.property(
        fc.array(anyOutbound, { maxLength: 4 }),
        fc.constantFrom('HTML', 'MarkdownV2') as fc.Arbitrary<'HTML' | 'MarkdownV2'>,
        fc.boolean(),
        (outbounds, parseMode, replyKeyboardShown) => {
          const { calls } = outboundsToCalls(42, outbounds, {
            parseMode,
            locationButtonLabel: 'Bagikan',
            replyKeyboardShown,
          });
          for (const call of calls) {
            if (call.method !== 'sendMessage') continue;
            expect([...call.plain].length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
            const markup = call.payload.reply_markup as
              { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined;
            for (const row of markup?.inline_keyboard ?? []) {
              for (const button of row)
                expect(Buffer.byteLength(button.callback_data ?? '')).toBeLessThanOrEqual(64);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('fuzz: Bot Framework mapping', () => {
  const account = fc.record({ id: fc.string({ minLength: 1, maxLength: 300 }), name: maybe(anyText) });
  const activity = fc.record(
    {
      type: fc.constantFrom('message', 'conversationUpdate', 'typing', 'invoke', 'event', 'x'),
      id: maybe(fc.string({ minLength: 1, maxLength: 300 })),
      channelId: fc.constantFrom('emulator', 'msteams', 'webchat', 'telegram', 'unknown-channel'),
      serviceUrl: fc.constantFrom('http://127.0.0.1:1/', 'https://smba.trafficmanager.net/x/'),
      conversation: fc.record({ id: fc.string({ minLength: 1, maxLength: 1024 }) }),
      from: account,
      recipient: maybe(account),
      text: maybe(fc.oneof(anyText, fc.string({ maxLength: 8000 }))),
      value: maybe(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ choiceId: fc.string({ maxLength: 100 }) }),
          fc.record({ choice: anyText }),
        ),
      ),
      attachments: maybe(
        fc.array(
          fc.record({
            contentType: fc.oneof(
              fc.constantFrom(
                'image/png',
                'application/pdf',
                'application/vnd.microsoft.teams.file.download.info',
              ),
              fc.string({ minLength: 1, maxLength: 50 }),
            ),
            contentUrl: maybe(fc.oneof(fc.webUrl(), anyText)),
            name: maybe(anyText),
            content: maybe(fc.jsonValue()),
          }),
          { maxLength: 3 },
        ),
      ),
      locale: maybe(fc.string({ maxLength: 64 })),
      timestamp: maybe(
        fc.oneof(
          fc.string({ maxLength: 64 }),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        ),
      ),
      membersAdded: maybe(fc.array(account, { maxLength: 3 })),
    },
    { requiredKeys: ['type', 'channelId', 'serviceUrl', 'conversation', 'from'] },
  );

  it('maps any valid activity without throwing, to a valid inbound when it is one', () => {
    fc.assert(
      fc.property(activity, (raw) => {
        const parsed = IncomingActivity.safeParse(raw);
        if (!parsed.success) return;
        const mapped = activityToInbound(parsed.data);
        if (mapped.type === 'inbound') expectValidInbound(mapped.inbound);
      }),
      RUNS,
    );
  });

  it('validation rejects arbitrary JSON instead of throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const parsed = IncomingActivity.safeParse(raw);
        if (parsed.success) activityToInbound(parsed.data);
      }),
      RUNS,
    );
  });

  it('renders any outbounds as activities for any channel', () => {
    fc.assert(
      fc.property(
        fc.array(anyOutbound, { maxLength: 4 }),
        fc.constantFrom('emulator', 'msteams', 'facebook', 'zzz'),
        (outbounds, channelId) => {
          const activities = outboundsToActivities(outbounds, { channelId, userId: 'u' });
          for (const out of activities) expect(out.type).toBe('message');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('fuzz: WhatsApp mapping', () => {
  const jid = fc.oneof(
    fc.stringMatching(/^62\d{9,12}@s\.whatsapp\.net$/),
    fc.stringMatching(/^\d{10,15}@lid$/),
    fc.stringMatching(/^\d{10,18}@g\.us$/),
    fc.constantFrom('status@broadcast', '123@newsletter', '@s.whatsapp.net', ''),
    anyText,
  );
  const coordinate = fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 10 }), fc.constant(null));
  const content = fc.record(
    {
      conversation: maybe(fc.oneof(anyText, fc.string({ maxLength: 6000 }))),
      extendedTextMessage: maybe(fc.record({ text: maybe(anyText) })),
      locationMessage: maybe(
        fc.record({
          degreesLatitude: coordinate,
          degreesLongitude: coordinate,
          name: maybe(anyText),
          address: maybe(anyText),
        }),
      ),
      liveLocationMessage: maybe(fc.record({ degreesLatitude: coordinate, degreesLongitude: coordinate })),
      imageMessage: maybe(
        fc.record({
          caption: maybe(anyText),
          mimetype: maybe(fc.string({ maxLength: 300 })),
          fileLength: maybe(fc.oneof(fc.nat(), fc.string({ maxLength: 12 }))),
        }),
      ),
      documentMessage: maybe(
        fc.record({
          caption: maybe(anyText),
          fileName: maybe(anyText),
          title: maybe(anyText),
          mimetype: maybe(fc.string({ maxLength: 300 })),
          fileLength: maybe(fc.nat()),
        }),
      ),
      reactionMessage: maybe(fc.constant({ text: '👍' })),
      stickerMessage: maybe(fc.constant({})),
      ephemeralMessage: maybe(fc.record({ message: fc.record({ conversation: maybe(anyText) }) })),
      viewOnceMessageV2: maybe(fc.record({ message: fc.record({ imageMessage: fc.constant({}) }) })),
    },
    { requiredKeys: [] },
  );
  const message = fc.record(
    {
      key: fc.record(
        {
          remoteJid: maybe(jid),
          id: maybe(fc.string({ maxLength: 300 })),
          fromMe: maybe(fc.boolean()),
          participant: maybe(jid),
          remoteJidAlt: maybe(jid),
        },
        { requiredKeys: [] },
      ),
      message: maybe(content),
      messageTimestamp: maybe(fc.oneof(fc.nat(), fc.string({ maxLength: 12 }), fc.double())),
      broadcast: maybe(fc.boolean()),
      messageStubType: maybe(fc.nat()),
    },
    { requiredKeys: ['key'] },
  );

  it('maps any message shape without throwing, to a valid inbound when it is one', () => {
    fc.assert(
      fc.property(message, fc.boolean(), (raw, allowGroups) => {
        const mapped = mapWhatsAppMessage(raw as unknown as WAMessage, { allowGroups });
        if (mapped.ok) expectValidInbound(mapped.inbound);
      }),
      RUNS,
    );
  });

  it('renders any outbound without throwing', () => {
    fc.assert(
      fc.property(
        anyOutbound,
        fc.constantFrom('id', 'en') as fc.Arbitrary<'id' | 'en'>,
        (outbound, locale) => {
          expect(outboundToWhatsApp(outbound, locale)).toBeDefined();
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('fuzz: terminal and web chat mapping', () => {
  it('a terminal line either parses or fails with a readable ChatLineError', () => {
    const lines = fc.oneof(
      anyText,
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.record({ text: anyText }).map((value) => JSON.stringify(value)),
      fc.record({ choice: fc.string({ maxLength: 80 }) }).map((value) => JSON.stringify(value)),
      fc
        .record({ location: fc.record({ lat: fc.double(), lon: fc.double() }) })
        .map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(lines, (line) => {
        let parsed;
        try {
          parsed = parseChatLine(line);
        } catch (error) {
          expect(error).toBeInstanceOf(ChatLineError);
          return;
        }
        if ('file' in parsed) return; // reads the disk: covered by the CLI tests
        expectValidInbound(chatLineToInbound(parsed, 'id-1', address));
      }),
      RUNS,
    );
  });

  it('a web chat body either fails validation or maps to a valid inbound', () => {
    const bodies = fc.oneof(
      fc.jsonValue(),
      fc.record(
        { text: anyText, lang: maybe(fc.string({ maxLength: 40 })), id: maybe(fc.string({ maxLength: 70 })) },
        { requiredKeys: ['text'] },
      ),
      fc.record({ choice: anyText, label: maybe(anyText) }, { requiredKeys: ['choice'] }),
      fc.record({ location: fc.record({ lat: fc.double(), lon: fc.double() }) }),
    );
    fc.assert(
      fc.property(bodies, (body) => {
        const parsed = WebMessage.safeParse(body);
        if (!parsed.success || 'file' in parsed.data) return;
        expectValidInbound(
          webMessageToInbound(parsed.data, 'web-1', { channel: 'web', conversationId: 'c', userId: 'c' }),
        );
      }),
      RUNS,
    );
  });
});

describe('regressions the fuzzer found', () => {
  const chat = { id: 5, type: 'private' };

  it('Telegram: a command named like an Object property is ordinary text, not a function', () => {
    for (const text of ['/constructor', '/__proto__', '/toString', '/hasOwnProperty']) {
      const mapped = mapUpdate(
        TelegramUpdate.parse({ update_id: 1, message: { message_id: 1, date: 1, chat, text } }),
      );
      if (mapped.type === 'inbound') expectValidInbound(mapped.inbound);
    }
  });

  it('Telegram, Bot Framework, WhatsApp: a timestamp beyond year 9999 is dropped, the message kept', () => {
    const telegram = mapUpdate(
      TelegramUpdate.parse({ update_id: 2, message: { message_id: 2, date: 2 ** 52, chat, text: 'halo' } }),
    );
    expect(telegram.type).toBe('inbound');
    if (telegram.type === 'inbound') expectValidInbound(telegram.inbound);

    const activity = IncomingActivity.parse({
      type: 'message',
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:1/',
      conversation: { id: 'c' },
      from: { id: 'u' },
      text: 'halo',
      timestamp: '+275760-09-13T00:00:00.000Z',
    });
    const bf = activityToInbound(activity);
    expect(bf.type).toBe('inbound');
    if (bf.type === 'inbound') expectValidInbound(bf.inbound);

    const wa = mapWhatsAppMessage({
      key: { remoteJid: '6281234567890@s.whatsapp.net', id: 'X' },
      message: { conversation: 'halo' },
      messageTimestamp: 253_402_300_800,
    } as unknown as WAMessage);
    expect(wa.ok).toBe(true);
    if (wa.ok) expectValidInbound(wa.inbound);
  });
});
