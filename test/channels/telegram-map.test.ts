import { describe, expect, it } from 'vitest';
import {
  escapeMarkdownV2,
  formatText,
  mapUpdate,
  outboundsToCalls,
  plainText,
  TelegramUpdate,
  type CallOptions,
} from '../../src/channels/telegram/map.js';
import { numberedList, renderOutbound, splitText, truncateLabel } from '../../src/channels/render.js';
import { Inbound, type Outbound } from '../../src/engine/types.js';
import { htmlProblem, markdownV2Problem, TelegramUser } from './telegram-fake.js';

const user = new TelegramUser(4242, 'en-US');
const map = (update: Record<string, unknown>) => mapUpdate(TelegramUpdate.parse(update));
const options: CallOptions = {
  parseMode: 'HTML',
  locationButtonLabel: '📍 Kirim',
  replyKeyboardShown: false,
};

function inboundOf(update: Record<string, unknown>): Inbound {
  const mapped = map(update);
  if (mapped.type !== 'inbound') throw new Error(`expected inbound, got ${mapped.type}`);
  return Inbound.parse(mapped.inbound); // what the engine will accept
}

describe('Telegram update → Inbound', () => {
  it('maps text with a chat-scoped id, the language hint and the time', () => {
    const inbound = inboundOf(user.text('gimana cara cairin jht'));
    expect(inbound).toMatchObject({
      kind: 'text',
      text: 'gimana cara cairin jht',
      localeHint: 'en-US',
      address: { channel: 'telegram', conversationId: '4242', userId: '4242' },
    });
    expect(inbound.id).toMatch(/^4242:\d+$/);
    expect(inbound.at).toMatch(/Z$/);
  });

  it('maps commands to the start event and the global intents', () => {
    expect(inboundOf(user.text('/start'))).toMatchObject({ kind: 'event', name: 'start' });
    expect(inboundOf(user.text('/start promo_jkp'))).toMatchObject({
      kind: 'event',
      name: 'start',
      payload: { param: 'promo_jkp' },
    });
    expect(inboundOf(user.text('/menu'))).toMatchObject({ kind: 'text', text: 'menu' });
    expect(inboundOf(user.text('/bahasa@tanya_test_bot'))).toMatchObject({ kind: 'text', text: 'bahasa' });
    expect(inboundOf(user.text('/agen'))).toMatchObject({ kind: 'text', text: 'agen' });
    expect(inboundOf(user.text('/unknown'))).toMatchObject({ kind: 'text', text: '/unknown' });
  });

  it('maps a callback query to a choice with the button label', () => {
    const update = user.tap('start:faq', 'Tanya seputar program');
    const mapped = map(update);
    expect(mapped.type).toBe('inbound');
    if (mapped.type !== 'inbound') return;
    expect(mapped.callbackQueryId).toBeDefined();
    expect(mapped.inbound).toMatchObject({
      kind: 'choice',
      choiceId: 'start:faq',
      label: 'Tanya seputar program',
    });
    expect(mapped.inbound.id).toMatch(/^cb:/);
  });

  it('answers callback queries without data and does nothing else', () => {
    const update = user.tap('x');
    delete (update.callback_query as Record<string, unknown>).data;
    expect(map(update).type).toBe('answer_only');
  });

  it('maps locations, venues and live-location edits', () => {
    expect(inboundOf(user.message({ location: { latitude: -6.2, longitude: 106.8 } }))).toMatchObject({
      kind: 'location',
      lat: -6.2,
      lon: 106.8,
    });
    expect(
      inboundOf(
        user.message({
          location: { latitude: -6.2, longitude: 106.8 },
          venue: { location: { latitude: -6.2, longitude: 106.8 }, title: 'Kantor', address: 'Jl. Sudirman' },
        }),
      ),
    ).toMatchObject({ kind: 'location', name: 'Kantor', addressLine: 'Jl. Sudirman' });
    const edit = user.message({ location: { latitude: -6.3, longitude: 106.9, live_period: 900 } });
    const message = edit.message as Record<string, unknown>;
    const liveUpdate = {
      update_id: edit.update_id,
      edited_message: { ...message, edit_date: (message.date as number) + 5 },
    };
    const live = inboundOf(liveUpdate);
    expect(live).toMatchObject({ kind: 'location', lat: -6.3, live: true });
    expect(live.id).toMatch(/^4242:\d+:\d+$/);
  });

  it('maps the largest photo size and documents to file references', () => {
    const photo = inboundOf(
      user.message({
        caption: 'KTP saya',
        photo: [
          { file_id: 'small', file_unique_id: 's', width: 90, height: 60, file_size: 1000 },
          { file_id: 'large', file_unique_id: 'l', width: 1280, height: 853, file_size: 90_000 },
          { file_id: 'medium', file_unique_id: 'm', width: 320, height: 213, file_size: 9000 },
        ],
      }),
    );
    expect(photo).toMatchObject({ kind: 'image', caption: 'KTP saya', file: { ref: 'large', size: 90_000 } });
    const doc = inboundOf(
      user.message({
        document: {
          file_id: 'doc1',
          file_unique_id: 'd',
          file_name: 'kk.pdf',
          mime_type: 'application/pdf',
          file_size: 5,
        },
      }),
    );
    expect(doc).toMatchObject({
      kind: 'document',
      file: { ref: 'doc1', name: 'kk.pdf', mime: 'application/pdf', size: 5 },
    });
  });

  it('flags unsupported kinds and ignores service messages and text edits', () => {
    expect(map(user.message({ sticker: { file_id: 's', width: 1, height: 1 } }))).toMatchObject({
      type: 'unsupported',
      what: 'sticker',
      localeHint: 'en-US',
    });
    expect(map(user.message({ voice: { file_id: 'v', duration: 3 } }))).toMatchObject({ what: 'voice' });
    expect(map(user.message({ new_chat_title: 'x' })).type).toBe('ignore');
    const edit = user.text('typo');
    expect(map({ update_id: edit.update_id, edited_message: edit.message }).type).toBe('ignore');
    expect(map({ update_id: 1, my_chat_member: {} }).type).toBe('ignore');
  });

  it('rejects malformed updates at validation', () => {
    expect(TelegramUpdate.safeParse({}).success).toBe(false);
    expect(TelegramUpdate.safeParse({ update_id: 'x' }).success).toBe(false);
    expect(TelegramUpdate.safeParse({ update_id: 1, message: { message_id: 1 } }).success).toBe(false);
    expect(
      TelegramUpdate.safeParse({
        update_id: 1,
        message: { message_id: 1, date: 1, chat: { id: 'x', type: 'private' } },
      }).success,
    ).toBe(false);
  });
});

describe('Telegram formatting', () => {
  it('turns *bold* and _italic_ into HTML and escapes the rest', () => {
    expect(formatText('Ketik *menu* & <b>x</b>', 'HTML')).toBe(
      'Ketik <b>menu</b> &amp; &lt;b&gt;x&lt;/b&gt;',
    );
    expect(formatText('_Sumber: PP 46/2015_', 'HTML')).toBe('<i>Sumber: PP 46/2015</i>');
    expect(formatText('2*3*4 and snake_case_name and * alone', 'HTML')).toBe(
      '2*3*4 and snake_case_name and * alone',
    );
  });

  it('escapes every MarkdownV2 reserved character of user text', () => {
    const userText = 'Budi_*[x](y)~`>#+-=|{}.!\\ 100%';
    const formatted = formatText(`Selesai: ${userText}`, 'MarkdownV2');
    expect(markdownV2Problem(formatted)).toBeUndefined();
    expect(escapeMarkdownV2('a.b!')).toBe('a\\.b\\!');
    expect(formatText('Ketik *menu* (1.0)', 'MarkdownV2')).toBe('Ketik *menu* \\(1\\.0\\)');
  });

  it('never produces unparseable text, whatever the user typed', () => {
    const samples = [
      '*',
      '**',
      '*a',
      'a*',
      '_',
      '__x__',
      '*_x_*',
      '<',
      '&',
      '\\*x*',
      '*x\ny*',
      '_a*b_c*',
      '[](){}',
    ];
    for (const sample of samples) {
      for (const wrapped of [sample, `Nama: ${sample}.`, `*${sample}*`, `_${sample}_`]) {
        expect(markdownV2Problem(formatText(wrapped, 'MarkdownV2')), wrapped).toBeUndefined();
        expect(htmlProblem(formatText(wrapped, 'HTML')), wrapped).toBeUndefined();
      }
    }
    expect(plainText('Ketik *menu* ya')).toBe('Ketik menu ya');
  });
});

describe('Telegram Outbound → Bot API calls', () => {
  it('renders choices as an inline keyboard with callback data', () => {
    const { calls } = outboundsToCalls(
      42,
      [
        {
          kind: 'choices',
          text: 'Pilih *layanan*:',
          choices: [
            { id: 'start:faq', label: 'Tanya seputar program' },
            { id: 'lang:en', label: 'English' },
          ],
        },
      ],
      options,
    );
    expect(calls).toEqual([
      {
        method: 'sendMessage',
        plain: 'Pilih layanan:',
        payload: {
          chat_id: 42,
          text: 'Pilih <b>layanan</b>:',
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          reply_markup: {
            inline_keyboard: [
              [{ text: 'Tanya seputar program', callback_data: 'start:faq' }],
              [{ text: 'English', callback_data: 'lang:en' }],
            ],
          },
        },
      },
    ]);
  });

  it('puts short labels side by side', () => {
    const { calls } = outboundsToCalls(
      1,
      [
        {
          kind: 'choices',
          text: 'Ya?',
          choices: [
            { id: 'y', label: 'Ya' },
            { id: 'n', label: 'Tidak' },
          ],
        },
      ],
      options,
    );
    const markup = calls[0]?.payload.reply_markup as { inline_keyboard: unknown[][] };
    expect(markup.inline_keyboard).toHaveLength(1);
  });

  it('degrades choices whose id is over 64 bytes, or too many, to a numbered list', () => {
    const longId = 'é'.repeat(40); // 40 chars, 80 bytes
    const { calls } = outboundsToCalls(
      1,
      [
        {
          kind: 'choices',
          text: 'Pilih:',
          choices: [
            { id: longId, label: 'Satu' },
            { id: 'b', label: 'Dua' },
          ],
        },
      ],
      options,
    );
    expect(calls[0]?.payload).not.toHaveProperty('reply_markup');
    expect(calls[0]?.method === 'sendMessage' && calls[0].payload.text).toBe('Pilih:\n\n1. Satu\n2. Dua');
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, label: `Pilihan ${i}` }));
    expect(
      renderOutbound(
        { kind: 'choices', text: 'x', choices: many },
        { maxButtons: 24, maxButtonLabel: 64, supportsLocationRequest: true, supportsVenue: true },
      ).kind,
    ).toBe('text');
  });

  it('splits long texts at 4096 with the keyboard on the last part', () => {
    const text = `${'a'.repeat(3000)}\n\n${'b'.repeat(3000)}\n\n${'c'.repeat(3000)}`;
    const { calls } = outboundsToCalls(
      1,
      [{ kind: 'choices', text, choices: [{ id: 'x', label: 'X' }] }],
      options,
    );
    expect(calls).toHaveLength(3);
    for (const call of calls)
      expect(call.method === 'sendMessage' && call.payload.text.length).toBeLessThanOrEqual(4096);
    expect(calls[0]?.payload.reply_markup).toBeUndefined();
    expect(calls[2]?.payload.reply_markup).toBeDefined();
  });

  it('asks for a location with a reply keyboard and removes it with the next plain message', () => {
    const ask = outboundsToCalls(7, [{ kind: 'request_location', text: 'Bagikan lokasi' }], options);
    expect(ask.replyKeyboardShown).toBe(true);
    expect(ask.calls[0]?.payload.reply_markup).toEqual({
      keyboard: [[{ text: '📍 Kirim', request_location: true }]],
      resize_keyboard: true,
      one_time_keyboard: true,
    });
    const next: Outbound[] = [
      { kind: 'venue', lat: -6.2, lon: 106.8, title: 'Kantor', address: 'Jl. A' },
      { kind: 'text', text: 'ok' },
    ];
    const after = outboundsToCalls(7, next, { ...options, replyKeyboardShown: true });
    expect(after.replyKeyboardShown).toBe(false);
    expect(after.calls[0]).toMatchObject({
      method: 'sendVenue',
      payload: { reply_markup: { remove_keyboard: true } },
    });
    expect(after.calls[1]?.payload.reply_markup).toBeUndefined();
    // Only an inline keyboard to send: the reply keyboard stays until a plain message comes.
    const inlineOnly = outboundsToCalls(
      7,
      [{ kind: 'choices', text: 'x', choices: [{ id: 'a', label: 'A' }] }],
      {
        ...options,
        replyKeyboardShown: true,
      },
    );
    expect(inlineOnly.replyKeyboardShown).toBe(true);
  });

  it('sends file requests as text', () => {
    const { calls } = outboundsToCalls(
      1,
      [{ kind: 'request_file', text: 'Kirim foto KTP', accept: ['image/jpeg'] }],
      options,
    );
    expect(calls[0]).toMatchObject({ method: 'sendMessage', payload: { text: 'Kirim foto KTP' } });
  });
});

describe('render helpers', () => {
  it('splits on paragraphs, lines, spaces, and never inside a surrogate pair', () => {
    expect(splitText('short', 10)).toEqual(['short']);
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
    const emoji = '😀'.repeat(10); // 20 code units
    const parts = splitText(emoji, 5);
    expect(parts.join('')).toBe(emoji);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(5);
    for (const part of parts) expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });

  it('numbers choices and shortens labels', () => {
    expect(
      numberedList('Pilih:', [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ]),
    ).toBe('Pilih:\n\n1. A\n2. B');
    expect(truncateLabel('Cari vaksinasi & sosialisasi terdekat', 12)).toBe('Cari vaksin…');
    expect(truncateLabel('Pendek', 12)).toBe('Pendek');
  });
});
