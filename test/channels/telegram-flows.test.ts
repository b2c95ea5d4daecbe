/**
 * Complete dialogs over Telegram: the real app (engine, dialogs, FAQ content, record store) on a
 * fake clock, the real grammY long polling against the fake Bot API on loopback. The user taps the
 * inline buttons the bot sent (callback queries) and types the rest, as in the Telegram app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/adapter.js';
import { NIK, PHONE } from '../helpers/bpu.js';
import {
  BPU_REFERENCE,
  BPU_SUMMARY,
  expectOneBpuRegistration,
  FAQ_QUESTION,
  FAQ_SOURCE,
  FAQ_TOPIC,
  startFlowApp,
  type FlowApp,
} from './flow-app.js';
import { FakeBotApi, htmlProblem, TelegramUser, type RecordedCall } from './telegram-fake.js';

let fake: FakeBotApi;
let flow: FlowApp;
let channel: TelegramChannel;

beforeAll(async () => {
  fake = await FakeBotApi.start();
  flow = await startFlowApp();
  channel = await flow.use(
    createTelegramChannel(
      flow.app,
      { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DEFAULT_LOCALE: 'id' },
      { outbox: { minIntervalMs: 5, jitterMs: 0 }, pollingTimeoutSec: 1 },
    ),
  );
  await flow.listen();
});

afterAll(async () => {
  await flow?.close();
  await fake?.close();
});

const textOf = (call: RecordedCall | undefined) => String(call?.payload.text ?? '');

function buttonsOf(call: RecordedCall | undefined): Array<{ text: string; callback_data: string }> {
  const markup = call?.payload.reply_markup as
    { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> } | undefined;
  return (markup?.inline_keyboard ?? []).flat();
}

/** What the last message of a turn must be: a text matching `says`, and/or buttons offering `offers`. */
interface Expected {
  says?: RegExp | string;
  offers?: string;
}

function matches(call: RecordedCall, expected: Expected): boolean {
  const text = textOf(call);
  const { says, offers } = expected;
  if (says !== undefined && !(typeof says === 'string' ? text.includes(says) : says.test(text))) return false;
  return offers === undefined || buttonsOf(call).some((button) => button.callback_data === offers);
}

/** One private chat with the bot, as the user sees it. */
class Chat {
  readonly user: TelegramUser;

  constructor(id: number) {
    this.user = new TelegramUser(id, 'id');
  }

  get key(): string {
    return `telegram:${this.user.id}`;
  }

  /** Everything the bot sent to this chat. */
  messages(): RecordedCall[] {
    return fake.callsOf('sendMessage').filter((call) => call.payload.chat_id === this.user.id);
  }

  /** The user sends `update` a moment later; resolves with the bot's messages up to the expected one. */
  async send(update: Record<string, unknown>, expected: Expected): Promise<RecordedCall[]> {
    flow.pause();
    const before = this.messages().length;
    fake.pushUpdate(update);
    await fake.waitFor(() =>
      this.messages()
        .slice(before)
        .some((call) => matches(call, expected)),
    );
    const fresh = this.messages().slice(before);
    return fresh.slice(0, fresh.findIndex((call) => matches(call, expected)) + 1);
  }

  type(text: string, expected: Expected): Promise<RecordedCall[]> {
    return this.send(this.user.text(text), expected);
  }

  /** Taps the button carrying `data` on the bot's latest keyboard (it must be there). */
  async tap(data: string, expected: Expected): Promise<RecordedCall[]> {
    const keyboard = this.messages().findLast((call) => buttonsOf(call).length > 0);
    const button = buttonsOf(keyboard).find((candidate) => candidate.callback_data === data);
    expect(
      button,
      `no button ${data} on the last keyboard: ${JSON.stringify(buttonsOf(keyboard))}`,
    ).toBeDefined();
    const update = this.user.tap(data, button?.text);
    const replies = await this.send(update, expected);
    const queryId = (update.callback_query as { id: string }).id;
    expect(fake.callsOf('answerCallbackQuery').map((call) => call.payload.callback_query_id)).toContain(
      queryId,
    );
    return replies;
  }
}

describe('Telegram: complete dialogs through grammY and the fake Bot API', () => {
  it('answers a FAQ question with the answer and its source', async () => {
    expect(channel.mode).toBe('polling');
    const chat = new Chat(930_001);
    const [answer] = await chat.type(FAQ_QUESTION, { says: FAQ_SOURCE });
    const text = textOf(answer);
    expect(text).toMatch(FAQ_TOPIC);
    expect(text).toMatch(/<i>Sumber: .+<\/i>$/);
    expect(answer?.payload.parse_mode).toBe('HTML');
    expect(htmlProblem(text)).toBeUndefined();
    expect(buttonsOf(answer).map((button) => button.callback_data)).toContain('intent:menu');
    expect((await flow.app.engine.session(chat.key))?.stack.at(-1)).toMatchObject({ dialog: 'faq' });
  });

  it('registers a BPU participant from the menu to the reference number', async () => {
    const chat = new Chat(930_002);
    const [menu] = await chat.type('/start', { offers: 'start:bpu-registration' });
    expect(textOf(menu)).toContain('<b>Tanya</b>');

    await chat.tap('start:bpu-registration', { offers: 'mode:self' });
    const [consent] = await chat.tap('mode:self', { offers: 'consent:yes' });
    expect(textOf(consent)).toContain('UU PDP');
    await chat.tap('consent:yes', { says: 'Ketik NIK Anda' });
    await chat.type(NIK, { says: 'nama lengkap Anda' });
    await chat.type('Siti Aminah', { says: 'tanggal lahir Anda' });
    await chat.type('1 Januari 1990', { says: 'nomor HP Anda' });
    await chat.type(PHONE, { offers: 'occ:trader' });
    await chat.tap('occ:trader', { says: 'kabupaten/kota' });
    await chat.type('jaksel', { says: 'penghasilan Anda per bulan' });
    const [programs] = await chat.type('2 juta', { offers: 'prog:jht' });
    expect(buttonsOf(programs).map((button) => button.text)).toEqual([
      'JKK + JKM: Rp26.800/bulan',
      'JKK + JKM + JHT: Rp66.800/bulan',
    ]);
    const [summary] = await chat.tap('prog:jht', { offers: 'confirm:register' });
    for (const fact of BPU_SUMMARY) expect(textOf(summary)).toContain(fact);
    expect(textOf(summary)).toContain('<b>Total: Rp66.800/bulan</b>');
    expect(textOf(summary)).not.toContain(NIK);

    const done = await chat.tap('confirm:register', { says: 'JMO (Jamsostek Mobile)' });
    const texts = done.map(textOf);
    expect(texts).toHaveLength(3);
    const reference = texts[0]?.match(BPU_REFERENCE)?.[0];
    expect(texts[0]).toContain(`Nomor referensi: <b>${reference}</b>`);
    expect(texts[1]).toContain('Kode bayar: NIK peserta (yang berakhiran 0001)');
    for (const text of chat.messages().map(textOf)) expect(htmlProblem(text)).toBeUndefined();

    const record = await expectOneBpuRegistration(flow.app, 'telegram');
    expect(record.id).toBe(reference);
    expect(record.conversation.conversationId).toBe(String(chat.user.id));
    expect((await flow.app.engine.session(chat.key))?.stack).toEqual([]);
  });
});
