/**
 * Bot Framework attachments cannot be used to reach other services (issue 16): through the real
 * botbuilder CloudAdapter and the Emulator's protocol, with authentication off only local clients
 * are served and attachments are fetched only from the activity's service URL origin (redirects
 * included); with app credentials only `https` URLs on public addresses are fetched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBotFrameworkChannel,
  type BotFrameworkChannel,
} from '../../src/channels/botframework/adapter.js';
import { EmulatorUser, FakeConnector, type ConnectorCall } from './botframework-fake.js';
import {
  serveChannel,
  serverFor,
  channelTestEngine,
  type ServedChannel,
} from './telegram-botframework-fixtures.js';

const NO_AUTH = {
  MicrosoftAppId: undefined,
  MicrosoftAppPassword: undefined,
  MicrosoftAppTenantId: undefined,
  MicrosoftAppType: undefined,
};

let connector: FakeConnector;
/** Another service on loopback, which the bot must never reach. */
let internal: FakeConnector;
let served: ServedChannel<BotFrameworkChannel>;
const lines: string[] = [];

async function exchange(user: EmulatorUser, activity: Record<string, unknown>): Promise<ConnectorCall[]> {
  const before = connector.to(user.conversation.id).length;
  const response = await served.post('/api/messages', activity);
  expect(response.status).toBe(200);
  await connector.waitFor(() => connector.to(user.conversation.id).length > before);
  return connector.to(user.conversation.id).slice(before);
}

beforeAll(async () => {
  connector = await FakeConnector.start();
  internal = await FakeConnector.start();
  internal.attachments.set('secret', Buffer.from('%PDF-1.4 internal report'));
  served = await serveChannel((app) => createBotFrameworkChannel(app, NO_AUTH), { lines });
});

afterAll(async () => {
  await served?.close();
  await connector?.close();
  await internal?.close();
});

describe('Bot Framework without app credentials (Emulator mode)', () => {
  it('ignores an attachment on another loopback port than the service URL, fetching nothing', async () => {
    const user = new EmulatorUser(connector.serviceUrl, 'eko');
    await exchange(user, user.submits({ choiceId: 'start:test-echo' }));
    const secretUrl = `${internal.serviceUrl}attachments/secret`;
    const before = connector.to(user.conversation.id).length;
    const response = await served.post(
      '/api/messages',
      user.says('', { attachments: [{ contentType: 'application/pdf', contentUrl: secretUrl }] }),
    );
    expect(response.status).toBe(200);
    // The next message is answered, so the one before was handled (ignored) by then.
    const [echo] = await exchange(user, user.submits({ choiceId: 'after-ignored' }));
    expect(String(echo?.activity.text)).toContain('after-ignored');
    expect(connector.to(user.conversation.id).length).toBe(before + 1);
    expect(lines.some((line) => line.includes('attachment on a host that may not be fetched'))).toBe(true);
    await expect(served.channel.fetchFile({ ref: secretUrl }, 1024)).rejects.toMatchObject({
      reason: 'not_found',
    });
    expect(internal.downloads).toEqual([]);
  });

  it('refuses a redirect from the service URL to another loopback service', async () => {
    const user = new EmulatorUser(connector.serviceUrl, 'fajar');
    connector.redirects.set('moved', `${internal.serviceUrl}attachments/secret`);
    await exchange(user, user.submits({ choiceId: 'start:test-echo' }));
    const url = `${connector.serviceUrl}attachments/moved`;
    const [echo] = await exchange(
      user,
      user.says('', { attachments: [{ contentType: 'application/pdf', contentUrl: url, name: 'kk.pdf' }] }),
    );
    expect(String(echo?.activity.text)).toContain('kk.pdf');
    await expect(served.channel.fetchFile({ ref: url }, 1024)).rejects.toMatchObject({
      reason: 'not_found',
    });
    expect(connector.downloads.at(-1)?.path).toBe('/attachments/moved');
    expect(internal.downloads).toEqual([]);
  });

  it('refuses activities relayed by a proxy or sent from another machine', async () => {
    const user = new EmulatorUser(connector.serviceUrl, 'gita');
    const relayed = await served.post('/api/messages', user.says('halo'), {
      'x-forwarded-for': '203.0.113.9',
    });
    expect(relayed.status).toBe(403);

    const harness = await serverFor(channelTestEngine());
    try {
      const channel = createBotFrameworkChannel(harness.app, NO_AUTH);
      channel.registerRoutes(harness.server);
      const remote = await harness.server.inject({
        method: 'POST',
        url: '/api/messages',
        remoteAddress: '192.0.2.10',
        payload: user.says('halo'),
      });
      expect(remote.statusCode).toBe(403);
    } finally {
      await harness.close();
    }
    expect(connector.to(user.conversation.id)).toEqual([]);
  });
});

describe('Bot Framework with app credentials', () => {
  it('fetches only https URLs on public addresses, checked after DNS resolution', async () => {
    const harness = await serverFor(channelTestEngine());
    try {
      const channel = createBotFrameworkChannel(harness.app, {
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppTenantId: undefined,
        MicrosoftAppType: undefined,
      });
      const port = new URL(internal.serviceUrl).port;
      for (const ref of [
        `${internal.serviceUrl}attachments/secret`,
        `https://127.0.0.2:${port}/attachments/secret`,
        `https://[::ffff:127.0.0.1]:${port}/attachments/secret`,
        `https://localhost:${port}/attachments/secret`,
        'https://169.254.169.254/latest/meta-data/',
        'https://10.0.0.5/file.pdf',
      ]) {
        await expect(channel.fetchFile({ ref }, 1024), ref).rejects.toMatchObject({ reason: 'not_found' });
      }
      expect(internal.downloads).toEqual([]);
    } finally {
      await harness.close();
    }
  });
});
