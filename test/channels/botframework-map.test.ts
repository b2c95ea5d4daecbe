import { describe, expect, it } from 'vitest';
import {
  activityToInbound,
  capabilitiesFor,
  conversationIdOf,
  formatMarkdown,
  IncomingActivity,
  outboundsToActivities,
} from '../../src/channels/botframework/map.js';
import { Inbound, type Choice } from '../../src/engine/types.js';
import { EmulatorUser } from './botframework-fake.js';

const user = new EmulatorUser('http://127.0.0.1:9/', 'lina', 'webchat', 'en-US');

function inboundOf(activity: Record<string, unknown>): Inbound {
  const mapped = activityToInbound(IncomingActivity.parse(activity), () => 'generated');
  if (mapped.type !== 'inbound') throw new Error(`ignored: ${mapped.reason}`);
  return Inbound.parse(mapped.inbound);
}

const choices = (n: number): Choice[] =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, label: `Pilihan ${i + 1}` }));

describe('Bot Framework Activity → Inbound', () => {
  it('maps message text with a channel-scoped conversation and the locale', () => {
    const activity = user.says('  cara klaim jht  ');
    const inbound = inboundOf(activity);
    expect(inbound).toMatchObject({
      kind: 'text',
      text: 'cara klaim jht',
      localeHint: 'en-US',
      address: { channel: 'botframework', conversationId: 'webchat:conv-lina|livechat', userId: 'user-lina' },
    });
    expect(inbound.id).toBe(`webchat:conv-lina|livechat:${String(activity.id)}`);
  });

  it('maps card submits and messageBack values to choices', () => {
    expect(inboundOf(user.submits({ choiceId: 'start:faq' }, 'Tanya seputar program'))).toMatchObject({
      kind: 'choice',
      choiceId: 'start:faq',
      label: 'Tanya seputar program',
    });
    expect(inboundOf(user.submits({ choice: 'lang:en' }))).toMatchObject({
      kind: 'choice',
      choiceId: 'lang:en',
    });
    // A value that is not a choice leaves the text as it is.
    expect(inboundOf(user.submits({ other: 1 }, 'halo'))).toMatchObject({ kind: 'text', text: 'halo' });
  });

  it('maps image and PDF attachments (and Teams file downloads) to file references', () => {
    expect(
      inboundOf(
        user.says('ini KTP', {
          attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://x.test/a.jpg', name: 'a.jpg' }],
        }),
      ),
    ).toMatchObject({
      kind: 'image',
      caption: 'ini KTP',
      file: { ref: 'https://x.test/a.jpg', mime: 'image/jpeg', name: 'a.jpg' },
    });
    expect(
      inboundOf(
        user.says('', {
          attachments: [{ contentType: 'application/pdf', contentUrl: 'https://x.test/kk.pdf' }],
        }),
      ),
    ).toMatchObject({ kind: 'document', file: { mime: 'application/pdf' } });
    expect(
      inboundOf(
        user.says('', {
          attachments: [
            { contentType: 'text/html', content: '<p>hi</p>' },
            {
              contentType: 'application/vnd.microsoft.teams.file.download.info',
              name: 'slip.pdf',
              content: { downloadUrl: 'https://tenant.sharepoint.test/slip.pdf', fileType: 'pdf' },
            },
          ],
        }),
      ),
    ).toMatchObject({
      kind: 'document',
      file: { ref: 'https://tenant.sharepoint.test/slip.pdf', mime: 'application/pdf' },
    });
  });

  it('greets users who join, and ignores the bot joining, typing and empty messages', () => {
    expect(inboundOf(user.joined())).toMatchObject({ kind: 'event', name: 'start' });
    const botOnly = { ...user.joined(), membersAdded: [user.recipient] };
    expect(activityToInbound(IncomingActivity.parse(botOnly)).type).toBe('ignore');
    expect(activityToInbound(IncomingActivity.parse({ ...user.says(''), type: 'typing' })).type).toBe(
      'ignore',
    );
    expect(activityToInbound(IncomingActivity.parse(user.says('   '))).type).toBe('ignore');
  });

  it('keeps ids within the engine’s limits for very long platform ids', () => {
    const long = {
      ...user.says('halo'),
      conversation: { id: 'a:'.repeat(300) },
      from: { id: 'u'.repeat(400) },
    };
    const inbound = inboundOf(long);
    expect(inbound.address.conversationId.length).toBeLessThanOrEqual(256);
    expect(inbound.address.userId.length).toBeLessThanOrEqual(256);
    expect(conversationIdOf(IncomingActivity.parse(long))).toBe(inbound.address.conversationId);
  });

  it('rejects malformed activities at validation', () => {
    for (const bad of [
      {},
      { ...user.says('x'), type: 5 },
      { ...user.says('x'), serviceUrl: 'ftp://x' },
      { ...user.says('x'), from: {} },
      { ...user.says('x'), attachments: 'nope' },
    ]) {
      expect(IncomingActivity.safeParse(bad).success).toBe(false);
    }
  });
});

describe('Bot Framework Outbound → activities', () => {
  it('renders choices as imBack suggested actions addressed to the user', () => {
    const [activity] = outboundsToActivities(
      [{ kind: 'choices', text: 'Pilih *satu*:', choices: choices(3) }],
      {
        channelId: 'emulator',
        userId: 'u1',
      },
    );
    expect(activity).toEqual({
      type: 'message',
      text: 'Pilih **satu**:',
      textFormat: 'markdown',
      suggestedActions: {
        to: ['u1'],
        actions: choices(3).map((c) => ({ type: 'imBack', title: c.label, value: c.label })),
      },
    });
  });

  it('falls back to a hero card, then to a numbered list, by channel limits', () => {
    expect(capabilitiesFor('facebook')).toMatchObject({
      maxSuggestedActions: 10,
      maxButtons: 10,
      maxButtonLabel: 20,
    });
    const [card] = outboundsToActivities([{ kind: 'choices', text: 'Pilih', choices: choices(5) }], {
      channelId: 'msteams',
      userId: 'u',
    });
    expect(card?.suggestedActions).toBeUndefined();
    expect(card?.attachments?.[0]?.content.buttons?.[4]).toEqual({
      type: 'messageBack',
      title: 'Pilihan 5',
      text: 'Pilihan 5',
      displayText: 'Pilihan 5',
      value: { choiceId: 'c5' },
    });
    const [list] = outboundsToActivities([{ kind: 'choices', text: 'Pilih', choices: choices(4) }], {
      channelId: 'sms',
      userId: 'u',
    });
    expect(list?.text).toBe('Pilih\n\n1. Pilihan 1\n2. Pilihan 2\n3. Pilihan 3\n4. Pilihan 4');
  });

  it('shortens button titles to the channel limit but sends the full label back', () => {
    const label = 'Cari vaksinasi & sosialisasi terdekat';
    const [activity] = outboundsToActivities(
      [{ kind: 'choices', text: 'x', choices: [{ id: 'e', label }] }],
      {
        channelId: 'facebook',
        userId: 'u',
      },
    );
    expect(activity?.suggestedActions?.actions[0]).toEqual({
      type: 'imBack',
      title: 'Cari vaksinasi & so…',
      value: label,
    });
  });

  it('renders a venue as a hero card with a map link, and requests as text', () => {
    const [venue, location, file] = outboundsToActivities(
      [
        { kind: 'venue', lat: -6.2, lon: 106.8, title: 'Kantor Cabang', address: 'Jl. Sudirman' },
        { kind: 'request_location', text: 'Ketik nama kota Anda' },
        { kind: 'request_file', text: 'Kirim foto KTP', accept: ['image/jpeg'] },
      ],
      { channelId: 'webchat', userId: 'u' },
    );
    expect(venue?.attachments?.[0]).toMatchObject({
      contentType: 'application/vnd.microsoft.card.hero',
      content: {
        title: 'Kantor Cabang',
        subtitle: 'Jl. Sudirman',
        buttons: [{ type: 'openUrl', value: 'https://www.google.com/maps/search/?api=1&query=-6.2,106.8' }],
      },
    });
    expect(location?.text).toBe('Ketik nama kota Anda');
    expect(file?.text).toBe('Kirim foto KTP');
  });

  it('escapes markdown in user text and converts WhatsApp-style emphasis', () => {
    expect(formatMarkdown('Ketik *menu* atau _kembali_')).toBe('Ketik **menu** atau _kembali_');
    expect(formatMarkdown('Nama: [x](javascript:1) <b>2*3*4 snake_case')).toBe(
      'Nama: \\[x\\](javascript:1) \\<b\\>2\\*3\\*4 snake\\_case',
    );
  });
});
