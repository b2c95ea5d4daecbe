/**
 * Complete dialogs over Bot Framework: the real app (engine, dialogs, FAQ content, record store) on
 * a fake clock, the real botbuilder CloudAdapter at `POST /api/messages`, spoken to as the Emulator
 * does (authentication off, a loopback `serviceUrl` whose fake connector records the replies). The
 * user clicks the suggested actions the bot sent (imBack: their value comes back as text) and types
 * the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBotFrameworkChannel,
  type BotFrameworkChannel,
} from '../../src/channels/botframework/adapter.js';
import { conversationIdOf } from '../../src/channels/botframework/map.js';
import { NIK, PHONE } from '../helpers/bpu.js';
import { EmulatorUser, FakeConnector, type ConnectorCall } from './botframework-fake.js';
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

let connector: FakeConnector;
let flow: FlowApp;
let channel: BotFrameworkChannel;
let base: string;

beforeAll(async () => {
  connector = await FakeConnector.start();
  flow = await startFlowApp();
  channel = await flow.use(
    createBotFrameworkChannel(flow.app, {
      MicrosoftAppId: undefined,
      MicrosoftAppPassword: undefined,
      MicrosoftAppTenantId: undefined,
      MicrosoftAppType: undefined,
    }),
  );
  base = await flow.listen();
});

afterAll(async () => {
  await flow?.close();
  await connector?.close();
});

type Action = { type: string; title: string; value: unknown };

const textOf = (call: ConnectorCall | undefined) => String(call?.activity.text ?? '');

function actionsOf(call: ConnectorCall | undefined): Action[] {
  return (call?.activity.suggestedActions as { actions?: Action[] } | undefined)?.actions ?? [];
}

/** One Emulator conversation. */
class Conversation {
  readonly user: EmulatorUser;

  constructor(name: string) {
    this.user = new EmulatorUser(connector.serviceUrl, name);
  }

  get key(): string {
    return `botframework:${conversationIdOf({ channelId: 'emulator', conversation: this.user.conversation })}`;
  }

  /** Everything the bot sent to this conversation. */
  replies(): ConnectorCall[] {
    return connector.to(this.user.conversation.id);
  }

  /**
   * POSTs `activity` a moment later and returns the bot's replies to it: the CloudAdapter sends
   * them to the connector before it answers the POST.
   */
  async send(activity: Record<string, unknown>): Promise<ConnectorCall[]> {
    flow.pause();
    const before = this.replies().length;
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(200);
    const replies = this.replies().slice(before);
    for (const reply of replies) expect(reply.replyToId).toBe(activity.id);
    return replies;
  }

  type(text: string): Promise<ConnectorCall[]> {
    return this.send(this.user.says(text));
  }

  /** Clicks the suggested action titled `title` on the bot's latest reply (it must be there). */
  click(title: string): Promise<ConnectorCall[]> {
    const actions = actionsOf(this.replies().at(-1));
    const action = actions.find((candidate) => candidate.title === title);
    expect(action, `no action "${title}" in ${JSON.stringify(actions)}`).toMatchObject({ type: 'imBack' });
    return this.type(String(action?.value));
  }
}

/** The text of a turn's last reply, which carries its question. */
const lastText = (replies: ConnectorCall[]) => textOf(replies.at(-1));
const lastActions = (replies: ConnectorCall[]) => actionsOf(replies.at(-1)).map((action) => action.title);

describe('Bot Framework: complete dialogs through the CloudAdapter (Emulator protocol)', () => {
  it('answers a FAQ question with the answer and its source', async () => {
    const conversation = new Conversation('faq-rina');
    const replies = await conversation.type(FAQ_QUESTION);
    expect(replies).toHaveLength(1);
    const text = lastText(replies);
    expect(text).toMatch(FAQ_TOPIC);
    expect(text).toMatch(FAQ_SOURCE);
    expect(text).toMatch(/\n\n_Sumber: .+_$/);
    expect(replies[0]?.activity).toMatchObject({ type: 'message', textFormat: 'markdown' });
    expect(lastActions(replies)).toContain('Menu utama');
    expect((await flow.app.engine.session(conversation.key))?.stack.at(-1)).toMatchObject({ dialog: 'faq' });
  });

  it('registers a BPU participant from the menu to the reference number', async () => {
    const conversation = new Conversation('bpu-siti');
    const [menu] = await conversation.send(conversation.user.joined());
    expect(textOf(menu)).toContain('**Tanya**');

    expect(lastActions(await conversation.click('Daftar peserta BPU (pekerja mandiri)'))).toEqual([
      'Saya sendiri',
      'Orang lain (SERTAKAN)',
    ]);
    const consent = await conversation.click('Saya sendiri');
    expect(lastText(consent)).toContain('UU PDP');
    expect(lastText(await conversation.click('Ya, saya setuju'))).toContain('Ketik NIK Anda');
    expect(lastText(await conversation.type(NIK))).toContain('nama lengkap Anda');
    expect(lastText(await conversation.type('Siti Aminah'))).toContain('tanggal lahir Anda');
    expect(lastText(await conversation.type('1 Januari 1990'))).toContain('nomor HP Anda');
    expect(lastActions(await conversation.type(PHONE))).toContain('Pedagang');
    expect(lastText(await conversation.click('Pedagang'))).toContain('kabupaten/kota');
    expect(lastText(await conversation.type('jaksel'))).toContain('penghasilan Anda per bulan');
    expect(lastActions(await conversation.type('2 juta'))).toEqual([
      'JKK + JKM: Rp26.800/bulan',
      'JKK + JKM + JHT: Rp66.800/bulan',
    ]);
    const summary = await conversation.click('JKK + JKM + JHT: Rp66.800/bulan');
    for (const fact of BPU_SUMMARY) expect(lastText(summary)).toContain(fact.replaceAll('*', '\\*'));
    expect(lastText(summary)).toContain('**Total: Rp66.800/bulan**');
    expect(lastText(summary)).not.toContain(NIK);
    expect(lastActions(summary)).toEqual(['Daftarkan', 'Ubah data', 'Batalkan']);

    const done = await conversation.click('Daftarkan');
    expect(done).toHaveLength(3);
    const reference = textOf(done[0]).match(BPU_REFERENCE)?.[0];
    expect(textOf(done[0])).toContain(`Nomor referensi: **${reference}**`);
    expect(textOf(done[1])).toContain('Kode bayar: NIK peserta (yang berakhiran 0001)');
    expect(textOf(done[2])).toContain('JMO (Jamsostek Mobile)');

    const record = await expectOneBpuRegistration(flow.app, 'botframework');
    expect(record.id).toBe(reference);
    expect(`botframework:${record.conversation.conversationId}`).toBe(conversation.key);
    expect((await flow.app.engine.session(conversation.key))?.stack).toEqual([]);
    expect(channel.authEnabled).toBe(false);
  });
});
