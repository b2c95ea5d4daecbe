/**
 * The Bot Framework channel through the real botbuilder CloudAdapter, spoken to with the Emulator's
 * protocol: activities POSTed to /api/messages with a loopback `serviceUrl`, replies recorded by a
 * fake connector; `deliveryMode: expectReplies`; authentication on and off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBotFrameworkChannel,
  type BotFrameworkChannel,
} from '../../src/channels/botframework/adapter.js';
import { conversationIdOf } from '../../src/channels/botframework/map.js';
import { ConfigError } from '../../src/config.js';
import type { Engine } from '../../src/engine/engine.js';
import { serveChannel, type ServedChannel } from './telegram-botframework-fixtures.js';
import { EmulatorUser, FakeConnector, type ConnectorCall } from './botframework-fake.js';

let connector: FakeConnector;
let served: ServedChannel<BotFrameworkChannel>;
let engine: Engine;
let channel: BotFrameworkChannel;
let base: string;
const lines: string[] = [];

function post(body: unknown, headers: Record<string, string> = {}) {
  return served.post('/api/messages', body, headers);
}

/** POSTs an activity and returns the replies the connector received for it. */
async function exchange(
  user: EmulatorUser,
  activity: Record<string, unknown>,
  count = 1,
): Promise<ConnectorCall[]> {
  const before = connector.to(user.conversation.id).length;
  const response = await post(activity);
  expect(response.status).toBe(200);
  await connector.waitFor(() => connector.to(user.conversation.id).length >= before + count);
  return connector.to(user.conversation.id).slice(before);
}

function textOf(call: ConnectorCall | undefined): string {
  return String(call?.activity.text ?? '');
}

function suggested(call: ConnectorCall | undefined): Array<{ type: string; title: string; value: unknown }> {
  const actions = (
    call?.activity.suggestedActions as { actions?: Array<{ type: string; title: string; value: unknown }> }
  )?.actions;
  return actions ?? [];
}

beforeAll(async () => {
  connector = await FakeConnector.start();
  served = await serveChannel(
    (app) =>
      createBotFrameworkChannel(app, {
        MicrosoftAppId: undefined,
        MicrosoftAppPassword: undefined,
        MicrosoftAppTenantId: undefined,
        MicrosoftAppType: undefined,
      }),
    { lines },
  );
  ({ engine, channel, base } = served);
});

afterAll(async () => {
  await served?.close();
  await connector?.close();
});

describe('Bot Framework, authentication off (Emulator mode)', () => {
  it('says once that authentication is off', () => {
    expect(channel.authEnabled).toBe(false);
    expect(lines.filter((line) => line.includes('authentication is off')).length).toBe(1);
  });

  it('greets a new conversation with the menu as suggested actions, replying to the activity', async () => {
    const user = new EmulatorUser(connector.serviceUrl, 'ani');
    const update = user.joined();
    const [menu] = await exchange(user, update);
    expect(menu?.replyToId).toBe(update.id);
    expect(menu?.authorization).toBeUndefined();
    expect(menu?.activity).toMatchObject({
      type: 'message',
      textFormat: 'markdown',
      from: { id: 'tanya-bot' },
      recipient: { id: 'user-ani' },
      suggestedActions: { to: ['user-ani'] },
    });
    expect(textOf(menu)).toContain('**Tanya**');
    expect(suggested(menu).map((action) => action.value)).toContain('English');
  });

  it('runs the language flow with imBack answers', async () => {
    const user = new EmulatorUser(connector.serviceUrl, 'budi');
    const [prompt] = await exchange(user, user.says('bahasa'));
    expect(suggested(prompt)).toEqual([
      { type: 'imBack', title: 'Bahasa Indonesia', value: 'Bahasa Indonesia' },
      { type: 'imBack', title: 'English', value: 'English' },
    ]);
    const [done] = await exchange(user, user.says('English'));
    expect(textOf(done)).toBe("Okay, let's continue in English.");
  });

  it('answers a FAQ-style question', async () => {
    const user = new EmulatorUser(connector.serviceUrl, 'citra');
    const replies = await exchange(user, user.says('apa itu JHT?'));
    expect(replies.map(textOf).join('\n')).toMatch(/JHT|Jaminan Hari Tua/i);
  });

  it('completes a multi-step dialog started by a card submit', async () => {
    const user = new EmulatorUser(connector.serviceUrl, 'dewi');
    expect(textOf((await exchange(user, user.submits({ choiceId: 'start:test-form' })))[0])).toBe(
      'Siapa nama Anda?',
    );
    expect(textOf((await exchange(user, user.says('Dewi *Lestari*_')))[0])).toBe('Berapa umur Anda?');
    const [colours] = await exchange(user, user.says('41'));
    expect(suggested(colours).map((action) => action.title)).toEqual(['Merah', 'Hijau', 'Biru muda']);
    const [done] = await exchange(user, user.says('Biru muda'));
    // The user's own asterisks and underscores stay literal.
    expect(textOf(done)).toBe('Selesai: Dewi \\*Lestari\\*\\_, 41, blue');
  });

  it('returns the replies in the HTTP response with deliveryMode expectReplies', async () => {
    const user = new EmulatorUser(connector.serviceUrl, 'eka');
    const response = await post({ ...user.says('menu'), deliveryMode: 'expectReplies' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { activities: Array<Record<string, unknown>> };
    expect(body.activities).toHaveLength(1);
    expect(String(body.activities[0]?.text)).toContain('**Tanya**');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connector.to(user.conversation.id)).toHaveLength(0);
  });

  it('answers an activity delivered twice only once', async () => {
    const user = new EmulatorUser(connector.serviceUrl, 'fajar');
    const activity = user.says('halo');
    await exchange(user, activity);
    expect((await post(activity)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connector.to(user.conversation.id)).toHaveLength(1);
  });

  it('uses a hero card of messageBack buttons beyond a channel’s suggested-action limit', async () => {
    const user = new EmulatorUser(connector.serviceUrl, 'gita', 'msteams');
    const [prompt] = await exchange(user, user.says('bahasa'));
    const card = (
      prompt?.activity.attachments as Array<{ contentType: string; content: { buttons: unknown[] } }>
    )[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.hero');
    expect(card?.content.buttons).toContainEqual({
      type: 'messageBack',
      title: 'English',
      text: 'English',
      displayText: 'English',
      value: { choiceId: 'lang:en' },
    });
    const [done] = await exchange(user, user.submits({ choiceId: 'lang:en' }, 'English'));
    expect(textOf(done)).toBe("Okay, let's continue in English.");
    // Eight menu items are more than Teams' card buttons here: a numbered list, answered by number.
    const [menu] = await exchange(user, user.says('menu'));
    expect(textOf(menu)).toMatch(/\n1\. /);
    expect(menu?.activity.attachments).toBeUndefined();
  });

  it('maps attachments to file references and downloads them', async () => {
    const user = new EmulatorUser(connector.serviceUrl, 'hana');
    connector.attachments.set('ktp-1', Buffer.from('PNGDATA'));
    await exchange(user, user.submits({ choiceId: 'start:test-echo' }));
    const url = `${connector.serviceUrl}attachments/ktp-1`;
    const [echo] = await exchange(
      user,
      user.says('', { attachments: [{ contentType: 'image/png', contentUrl: url, name: 'ktp.png' }] }),
    );
    expect(JSON.parse(textOf(echo).replace(/\\(.)/g, '$1').slice('echo:'.length))).toMatchObject({
      kind: 'image',
      file: { ref: url, mime: 'image/png', name: 'ktp.png' },
    });
    expect((await channel.fetchFile({ ref: url }, 1024)).toString()).toBe('PNGDATA');
    expect(connector.downloads.at(-1)?.authorization).toBeUndefined();
    await expect(channel.fetchFile({ ref: url }, 3)).rejects.toMatchObject({ reason: 'too_large' });
    await expect(
      channel.fetchFile({ ref: `${connector.serviceUrl}attachments/gone` }, 1024),
    ).rejects.toMatchObject({
      reason: 'expired',
    });
  });

  it('sends proactive messages to a known conversation', async () => {
    const user = new EmulatorUser(connector.serviceUrl, 'indra');
    const first = user.says('halo');
    await exchange(user, first);
    const conversationId = conversationIdOf({ channelId: 'emulator', conversation: user.conversation });
    await channel.send({ channel: 'botframework', conversationId, userId: user.from.id }, [
      { kind: 'text', text: 'Klaim Anda *disetujui*.' },
    ]);
    const last = connector.to(user.conversation.id).at(-1);
    expect(textOf(last)).toBe('Klaim Anda **disetujui**.');
    expect(last?.replyToId).not.toBe(first.id); // a continuation, not a reply to the user's message
    await expect(
      channel.send({ channel: 'botframework', conversationId: 'emulator:unknown', userId: 'x' }, [
        { kind: 'text', text: 'x' },
      ]),
    ).rejects.toThrow(/no conversation reference/);
  });

  it('answers malformed payloads with 4xx and a log line, never a crash', async () => {
    const user = new EmulatorUser(connector.serviceUrl, 'joko');
    expect((await post('{"type":')).status).toBe(400);
    expect((await post({ type: 'message', text: 'no ids' })).status).toBe(400);
    expect((await post({ ...user.says('x'), serviceUrl: 'not a url' })).status).toBe(400);
    expect((await post({ ...user.says('x'), from: { id: 42 } })).status).toBe(400);
    expect((await post({ ...user.says('x'), conversation: null })).status).toBe(400);
    expect((await post([user.says('x')])).status).toBe(400);
    expect((await post({ ...user.says('x'), text: 'y'.repeat(1024 * 1024) })).status).toBe(413);
    expect(lines.filter((line) => line.includes('malformed activity')).length).toBeGreaterThanOrEqual(5);
    // With authentication off, replies only go to loopback service URLs.
    expect((await post({ ...user.says('x'), serviceUrl: 'https://attacker.example/' })).status).toBe(403);
    expect(connector.to(user.conversation.id)).toHaveLength(0);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('Bot Framework, authentication on', () => {
  let secured: ServedChannel<BotFrameworkChannel>;
  const authLines: string[] = [];

  beforeAll(async () => {
    secured = await serveChannel(
      (app) =>
        createBotFrameworkChannel(app, {
          MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
          MicrosoftAppPassword: 'not-a-real-secret',
          MicrosoftAppTenantId: undefined,
          MicrosoftAppType: 'MultiTenant',
        }),
      { engine, lines: authLines },
    );
    expect(secured.channel.authEnabled).toBe(true);
  });

  afterAll(async () => secured?.close());

  it('rejects a request without a valid token with 401 and processes nothing', async () => {
    const user = new EmulatorUser(connector.serviceUrl, 'kiki');
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: '' },
      { authorization: 'Basic dXNlcjpwdw==' },
    ];
    for (const headers of attempts) {
      const response = await secured.post('/api/messages', user.says('halo'), headers);
      expect(response.status).toBe(401);
    }
    expect(connector.to(user.conversation.id)).toHaveLength(0);
    expect(
      await engine.session(
        `botframework:${conversationIdOf({ channelId: 'emulator', conversation: user.conversation })}`,
      ),
    ).toBeUndefined();
    expect(authLines.some((line) => line.includes('unauthenticated request rejected'))).toBe(true);
    expect(authLines.some((line) => line.includes('authentication is off'))).toBe(false);
  });

  it('refuses incomplete credentials at start-up', () => {
    const host = { engine, log: { warn() {} } } as never;
    expect(() =>
      createBotFrameworkChannel(host, {
        MicrosoftAppId: 'id',
        MicrosoftAppPassword: undefined,
        MicrosoftAppTenantId: undefined,
        MicrosoftAppType: undefined,
      }),
    ).toThrow(ConfigError);
    expect(() =>
      createBotFrameworkChannel(host, {
        MicrosoftAppId: 'id',
        MicrosoftAppPassword: 'pw',
        MicrosoftAppTenantId: undefined,
        MicrosoftAppType: 'SingleTenant',
      }),
    ).toThrow(/MicrosoftAppTenantId/);
  });
});
