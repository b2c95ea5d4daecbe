/**
 * The WhatsApp channel end to end over a fake Baileys socket and the real engine: real-shaped
 * `WAMessage`s go in through `messages.upsert`, the test reads what was passed to `sendMessage`.
 */
import { Readable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  WhatsAppChannel,
  WHATSAPP_PACING,
  type MediaDownloader,
  type WhatsAppSettings,
} from '../../src/channels/whatsapp/adapter.js';
import { FileFetchError } from '../../src/channels/channel.js';
import type { Lease } from '../../src/channels/whatsapp/lease.js';
import type { OutboxOptions } from '../../src/channels/outbox.js';
import { defineDialog, say, step, type Dialog } from '../../src/engine/dialog.js';
import type { FileRef, Inbound } from '../../src/engine/types.js';
import { createLogger } from '../../src/log/logger.js';
import { createTestEngine } from '../helpers/engine.js';
import { createFormDialog } from '../helpers/fixture-dialogs.js';
import {
  DisconnectReason,
  fakeSocketFactory,
  ManualScheduler,
  memoryAuthState,
  textMessage,
  waMessage,
  type FakeSocket,
} from './whatsapp-fakes.js';

const PN = '628111222333@s.whatsapp.net';
const LID = '118023456789012@lid';

/** A fixture dialog that asks for a file, then a location, and reports both. */
const uploadDialog: Dialog = defineDialog<{ file: { ref: string; name: string; kind: string } | null }>({
  id: 'wa-test-upload',
  version: 1,
  titleKey: 'test:upload_title',
  firstStep: 'file',
  start: () => ({ file: null }),
  steps: {
    file: {
      prompt: () => [
        {
          kind: 'request_file',
          text: 'Kirim surat keterangan kerja (PDF atau foto).',
          accept: ['application/pdf', 'image/jpeg'],
        },
      ],
      receive: (_ctx, state, input) =>
        input.kind === 'document' || input.kind === 'image'
          ? step.next('place', {
              ...state,
              file: { ref: input.file.ref, name: input.file.name ?? '(foto)', kind: input.kind },
            })
          : step.retry('Itu bukan berkas.'),
    },
    place: {
      prompt: () => [{ kind: 'request_location', text: 'Di mana Anda sekarang?' }],
      receive: (_ctx, state, input) =>
        input.kind === 'location'
          ? step.end([
              say.text(`Diterima: ${state.file?.kind} ${state.file?.name} ref=${state.file?.ref}`),
              {
                kind: 'venue',
                lat: -6.2297,
                lon: 106.8295,
                title: 'Kantor Cabang Jakarta Gatot Subroto',
                address: 'Jl. Gatot Subroto Kav. 79',
              },
            ])
          : step.retry('Kirim lokasi ya.'),
    },
  },
});

interface Setup {
  channel: WhatsAppChannel;
  sockets: ReturnType<typeof fakeSocketFactory>;
  socket: () => FakeSocket;
  scheduler: ManualScheduler;
  auths: Array<ReturnType<typeof memoryAuthState>>;
  logs: string[];
  qrs: string[];
  engine: ReturnType<typeof createTestEngine>['engine'];
  /** Emits upserts on the current socket and waits for the turns to be answered. */
  receive(...messages: Parameters<FakeSocket['upsert']>[0]): Promise<string[]>;
}

async function setup(
  options: {
    settings?: Partial<WhatsAppSettings>;
    download?: MediaDownloader;
    lease?: Lease;
    outbox?: Partial<OutboxOptions>;
    registered?: boolean;
    open?: boolean;
  } = {},
): Promise<Setup> {
  const { engine } = createTestEngine({ extraDialogs: [createFormDialog(), uploadDialog] });
  const sockets = fakeSocketFactory();
  const scheduler = new ManualScheduler();
  const logs: string[] = [];
  const qrs: string[] = [];
  const auths: Array<ReturnType<typeof memoryAuthState>> = [];
  const channel = new WhatsAppChannel(
    {
      engine,
      log: createLogger('debug', { write: (line: string) => void logs.push(line) }),
      settings: {
        numberId: 'test',
        allowGroups: false,
        dataDir: mkdtempSync(join(tmpdir(), 'tanya-wa-')),
        redisPrefix: 'tanya:',
        defaultLocale: 'id',
        ...options.settings,
      },
    },
    {
      socketFactory: sockets.factory,
      scheduler,
      random: () => 0.5,
      openAuth: async () => {
        const auth = memoryAuthState();
        // The first state is a paired number (as after a restart); later ones are fresh.
        auth.state.creds.registered = auths.length === 0 && (options.registered ?? true);
        auths.push(auth);
        return auth;
      },
      outbox: options.outbox ?? { minIntervalMs: 0, jitterMs: 0 },
      printQr: (qr) => void qrs.push(qr),
      ...(options.download ? { download: options.download } : {}),
      ...(options.lease ? { lease: options.lease } : {}),
    },
  );
  await channel.start();
  if (options.open ?? true) sockets.latest().open();
  return {
    channel,
    sockets,
    socket: () => sockets.latest(),
    scheduler,
    auths,
    logs,
    qrs,
    engine,
    async receive(...messages) {
      const socket = sockets.latest();
      const before = socket.sent.length;
      socket.upsert(messages);
      await channel.idle();
      return socket.texts().slice(before);
    },
  };
}

/** The number in front of a numbered-list line containing `label`. */
function numberOf(text: string | undefined, label: string): string {
  const line = (text ?? '').split('\n').find((candidate) => candidate.includes(label));
  const number = line?.match(/^(\d+)\. /)?.[1];
  if (!number) throw new Error(`no numbered line with ${label} in:\n${text}`);
  return number;
}

async function startDialog(engine: Setup['engine'], dialog: string, conversationId = PN): Promise<void> {
  const inbound: Inbound = {
    id: `start-${dialog}-${conversationId}`,
    kind: 'choice',
    choiceId: `start:${dialog}`,
    address: { channel: 'whatsapp', conversationId, userId: conversationId },
  };
  await engine.process(inbound);
}

describe('WhatsApp channel: conversations', () => {
  it('answers a text with the menu as a numbered list, marks it read and shows typing', async () => {
    const wa = await setup();
    const message = textMessage('halo', { remoteJid: PN });
    const [menu] = await wa.receive(message);
    expect(menu).toContain('*Tanya*');
    expect(menu).toMatch(/\n1\. .+\n2\. /);
    expect(menu).toContain('_Balas dengan angka pilihan Anda._');
    expect(wa.socket().sent[0]?.jid).toBe(PN);
    expect(wa.socket().read).toEqual([[message.key]]);
    expect(wa.socket().presence).toEqual([
      { type: 'composing', jid: PN },
      { type: 'paused', jid: PN },
    ]);
  });

  it('completes the menu → language flow by typed numbers', async () => {
    const wa = await setup();
    const [menu] = await wa.receive(textMessage('halo'));
    const english = await wa.receive(textMessage(numberOf(menu, 'English')));
    expect(english.join('\n')).toMatch(/English/);
    const [languages] = (await wa.receive(textMessage('bahasa'))).slice(-1);
    expect(languages).toContain('Reply with the number');
    const back = await wa.receive(textMessage(numberOf(languages, 'Bahasa Indonesia')));
    expect(back.join('\n')).toMatch(/Bahasa Indonesia/);
  });

  it('runs a multi-step dialog: typed answers, a retry, a numbered choice answered by number', async () => {
    const wa = await setup();
    await startDialog(wa.engine, 'test-form');
    expect(await wa.receive(textMessage('Siti'))).toEqual(['Berapa umur Anda?']);
    const retry = await wa.receive(textMessage('tiga puluh'));
    expect(retry.join('\n')).toMatch(/Umur harus angka 1-120[\s\S]*Berapa umur Anda\?/);
    const [colours] = await wa.receive(textMessage('30'));
    expect(colours).toMatch(/^Pilih warna:\n\n1\. Merah\n2\. Hijau\n3\. Biru muda/);
    expect(await wa.receive(textMessage('3'))).toEqual(['Selesai: Siti, 30, blue']);
  });

  it('answers a duplicated upsert once, also within one batch', async () => {
    const wa = await setup();
    const message = textMessage('halo', { id: 'DUP1' });
    const first = await wa.receive(message, message);
    expect(first).toHaveLength(1);
    expect(await wa.receive(textMessage('halo', { id: 'DUP1' }))).toEqual([]);
    expect(wa.socket().read).toHaveLength(1);
  });

  it('talks to an @lid sender on its LID and remembers the phone alternative', async () => {
    const wa = await setup();
    const replies = await wa.receive(textMessage('halo', { remoteJid: LID, remoteJidAlt: PN }));
    expect(replies).toHaveLength(1);
    expect(wa.socket().sent.map((sent) => sent.jid)).toEqual([LID]);
    expect(wa.channel.phoneNumberOf(LID)).toBe(PN);
    expect(await wa.engine.session(`whatsapp:${LID}`)).toBeDefined();
  });

  it('paces messages to one chat at least a second apart (plus jitter), other chats unaffected', async () => {
    let now = 0;
    const timers = new ManualScheduler();
    const wa = await setup({ outbox: { ...WHATSAPP_PACING, now: () => now, timers, random: () => 0.5 } });
    const to = (conversationId: string) => ({ channel: 'whatsapp', conversationId, userId: conversationId });
    const first = wa.channel.send(to(PN), [
      { kind: 'text', text: 'satu' },
      { kind: 'text', text: 'dua' },
    ]);
    const other = wa.channel.send(to(LID), [{ kind: 'text', text: 'lain' }]);
    await other;
    await new Promise((resolve) => setImmediate(resolve));
    expect(wa.socket().texts()).toEqual(['satu', 'lain']);
    // 1000 ms minimum + 0.5 × 600 ms jitter before the second message to the same chat.
    expect(timers.pending()).toEqual([1300]);
    now = 1300;
    timers.runDue();
    await first;
    expect(wa.socket().texts()).toEqual(['satu', 'lain', 'dua']);
  });

  it('ignores groups, status broadcasts, its own messages and history appends', async () => {
    const wa = await setup();
    const ignored = [
      textMessage('halo grup', { remoteJid: '120363025246125486@g.us', participant: LID }),
      textMessage('status', { remoteJid: 'status@broadcast', participant: PN }),
      textMessage('dari bot', { fromMe: true }),
    ];
    expect(await wa.receive(...ignored)).toEqual([]);
    wa.socket().upsert([textMessage('lama')], 'append');
    await wa.channel.idle();
    expect(wa.socket().sent).toEqual([]);
    expect(wa.socket().read).toEqual([]);
  });

  it('answers in a group when WHATSAPP_ALLOW_GROUPS is on', async () => {
    const wa = await setup({ settings: { allowGroups: true } });
    const group = '120363025246125486@g.us';
    await wa.receive(textMessage('halo', { remoteJid: group, participant: LID }));
    expect(wa.socket().sent.map((sent) => sent.jid)).toEqual([group]);
  });
});

describe('WhatsApp channel: media and locations', () => {
  const pdfBytes = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

  function streamingDownload(calls: string[]): MediaDownloader {
    return async (message, context) => {
      calls.push(message.key.id ?? '');
      if (message.key.id === 'EXPIRED') {
        // What Baileys does on a 404/410 from the media host: ask the phone to re-upload, then retry.
        await context.reuploadRequest(message);
      }
      return Readable.from([pdfBytes.subarray(0, 10), pdfBytes.subarray(10)]);
    };
  }

  it('takes a PDF and a location through a dialog, then downloads the PDF on demand', async () => {
    const calls: string[] = [];
    const wa = await setup({ download: streamingDownload(calls) });
    await startDialog(wa.engine, 'wa-test-upload');
    const pdf = waMessage(
      {
        documentMessage: {
          mimetype: 'application/pdf',
          fileName: 'paklaring.pdf',
          fileLength: pdfBytes.length,
        },
      },
      { id: 'PDF1' },
    );
    const [askPlace] = await wa.receive(pdf);
    expect(askPlace).toContain('Di mana Anda sekarang?');
    expect(askPlace).toContain('📎');
    expect(askPlace).toContain('*Lokasi*');
    const done = await wa.receive(
      waMessage({ locationMessage: { degreesLatitude: -6.2297, degreesLongitude: 106.8295 } }),
    );
    expect(done[0]).toBe(`Diterima: document paklaring.pdf ref=wa:${PN}:PDF1`);
    expect(done[1]).toBe('📍 Kantor Cabang Jakarta Gatot Subroto');
    const venue = wa.socket().sent.at(-1)?.content;
    expect(venue).toEqual({
      location: {
        degreesLatitude: -6.2297,
        degreesLongitude: 106.8295,
        name: 'Kantor Cabang Jakarta Gatot Subroto',
        address: 'Jl. Gatot Subroto Kav. 79',
      },
    });
    const file: FileRef = { ref: `wa:${PN}:PDF1`, mime: 'application/pdf', size: pdfBytes.length };
    expect(await wa.channel.fetchFile(file, 1024)).toEqual(pdfBytes);
    expect(calls).toEqual(['PDF1']);
  });

  it('takes an image, and re-requests expired media from the phone', async () => {
    const calls: string[] = [];
    const wa = await setup({ download: streamingDownload(calls) });
    await startDialog(wa.engine, 'wa-test-upload');
    const photo = waMessage(
      { imageMessage: { mimetype: 'image/jpeg', caption: 'surat' } },
      { id: 'EXPIRED' },
    );
    await wa.receive(photo);
    const buffer = await wa.channel.fetchFile({ ref: `wa:${PN}:EXPIRED` }, 1024);
    expect(buffer).toEqual(pdfBytes);
    expect(wa.socket().reuploads.map((message) => message.key.id)).toEqual(['EXPIRED']);
  });

  it('enforces maxBytes from the metadata and while streaming; unknown refs are expired', async () => {
    const calls: string[] = [];
    const wa = await setup({ download: streamingDownload(calls) });
    await wa.receive(
      waMessage(
        { documentMessage: { mimetype: 'application/pdf', fileName: 'a.pdf', fileLength: 10_000_000 } },
        { id: 'BIG' },
      ),
      waMessage({ documentMessage: { mimetype: 'application/pdf', fileName: 'b.pdf' } }, { id: 'NOSIZE' }),
    );
    await expect(wa.channel.fetchFile({ ref: `wa:${PN}:BIG`, size: 10_000_000 }, 1024)).rejects.toMatchObject(
      {
        reason: 'too_large',
      },
    );
    expect(calls).toEqual([]);
    const streamed = wa.channel.fetchFile({ ref: `wa:${PN}:NOSIZE` }, 20);
    await expect(streamed).rejects.toBeInstanceOf(FileFetchError);
    await expect(streamed).rejects.toMatchObject({ reason: 'too_large' });
    await expect(wa.channel.fetchFile({ ref: `wa:${PN}:GONE` }, 1024)).rejects.toMatchObject({
      reason: 'expired',
    });
    await expect(wa.channel.fetchFile({ ref: '/etc/passwd' }, 1024)).rejects.toMatchObject({
      reason: 'not_found',
    });
  });
});

describe('WhatsApp channel: connection lifecycle', () => {
  it('reconnects at once on restartRequired (515), as after pairing', async () => {
    const wa = await setup();
    wa.socket().close(DisconnectReason.restartRequired);
    expect(wa.scheduler.pending()).toEqual([0]);
    wa.scheduler.runDue();
    await Promise.resolve();
    expect(wa.sockets.sockets).toHaveLength(2);
    expect(wa.auths).toHaveLength(1);
    expect(wa.auths[0]?.clears).toBe(0);
  });

  it('backs off with jitter when the connection is lost, and resets after it opens', async () => {
    const wa = await setup();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      wa.socket().close(DisconnectReason.connectionLost);
      delays.push(...wa.scheduler.pending());
      wa.scheduler.runDue();
      await Promise.resolve();
    }
    // random() = 0.5 → half the ceiling plus a quarter: 750, 1500, 3000 ms.
    expect(delays).toEqual([750, 1500, 3000]);
    expect(wa.channel.status).toBe('reconnecting');
    wa.socket().open();
    expect(wa.channel.status).toBe('open');
    wa.socket().close(DisconnectReason.connectionClosed);
    expect(wa.scheduler.pending()).toEqual([750]);
    expect(wa.sockets.sockets).toHaveLength(4);
  });

  it('on loggedOut clears the auth state, raises an alert and pairs again with a fresh QR', async () => {
    const wa = await setup();
    wa.socket().close(DisconnectReason.loggedOut);
    expect(wa.channel.status).toBe('logged_out');
    await new Promise((resolve) => setImmediate(resolve));
    expect(wa.auths[0]?.clears).toBe(1);
    expect(wa.logs.some((line) => line.includes('"alert":"whatsapp_logged_out"'))).toBe(true);
    wa.scheduler.runDue();
    await new Promise((resolve) => setImmediate(resolve));
    expect(wa.sockets.sockets).toHaveLength(2);
    expect(wa.auths).toHaveLength(2);
    expect(wa.auths[1]?.state.creds.registered).toBe(false);
    wa.socket().ev.emit('connection.update', { qr: '2@pairing-ref,noise,identity,adv' });
    expect(wa.qrs).toEqual(['2@pairing-ref,noise,identity,adv']);
    expect(wa.channel.currentQr()).toBe('2@pairing-ref,noise,identity,adv');
    expect(wa.channel.status).toBe('pairing');
    wa.socket().open();
    expect(wa.channel.currentQr()).toBeUndefined();
  });

  it('on connectionReplaced (440) stops without fighting and frees the lease', async () => {
    const lease = fakeLease([true]);
    const wa = await setup({ lease });
    wa.socket().close(DisconnectReason.connectionReplaced);
    await Promise.resolve();
    expect(wa.channel.status).toBe('replaced');
    expect(wa.scheduler.pending()).toEqual([]);
    expect(lease.released).toBe(1);
    expect(wa.sockets.sockets).toHaveLength(1);
  });

  it('logs in with a pairing code when WHATSAPP_PAIRING_NUMBER is set', async () => {
    const wa = await setup({ settings: { pairingNumber: '628111222333' }, registered: false, open: false });
    wa.socket().ev.emit('connection.update', { connection: 'connecting', qr: 'qr-1' });
    wa.socket().ev.emit('connection.update', { qr: 'qr-2' });
    await Promise.resolve();
    expect(wa.socket().pairingRequests).toEqual(['628111222333']);
    expect(wa.channel.currentPairingCode()).toBe('TANY-A123');
    expect(wa.qrs).toEqual([]);
  });

  it('holds replies while reconnecting and sends them once the socket reopens', async () => {
    const wa = await setup();
    wa.socket().close(DisconnectReason.connectionLost);
    const sending = wa.channel.send({ channel: 'whatsapp', conversationId: PN, userId: PN }, [
      { kind: 'text', text: 'Klaim Anda sudah diproses.' },
    ]);
    wa.scheduler.runDue(1000);
    await Promise.resolve();
    wa.socket().open();
    await sending;
    expect(wa.socket().texts()).toEqual(['Klaim Anda sudah diproses.']);
  });

  it('stands by while another instance holds the lease, and disconnects when the lease is lost', async () => {
    const lease = fakeLease([false, true], [false]);
    const wa = await setup({ lease, open: false });
    expect(wa.channel.status).toBe('standby');
    expect(wa.sockets.sockets).toHaveLength(0);
    wa.scheduler.runDue();
    await new Promise((resolve) => setImmediate(resolve));
    expect(wa.sockets.sockets).toHaveLength(1);
    wa.socket().open();
    wa.scheduler.runDue(); // renewal → refused
    await new Promise((resolve) => setImmediate(resolve));
    expect(wa.socket().ended).toBe(true);
    expect(wa.channel.status).toBe('standby');
    expect(wa.logs.some((line) => line.includes('lost the WhatsApp lease'))).toBe(true);
  });

  it('stop() ends the socket, frees the lease and never reconnects', async () => {
    const lease = fakeLease([true]);
    const wa = await setup({ lease });
    await wa.channel.stop();
    expect(wa.socket().ended).toBe(true);
    expect(lease.released).toBe(1);
    wa.socket().close(DisconnectReason.connectionLost);
    expect(wa.scheduler.pending()).toEqual([]);
    expect(wa.channel.status).toBe('stopped');
  });
});

/** A lease whose answers are scripted; unscripted calls answer true. */
function fakeLease(acquires: boolean[], renewals: boolean[] = []): Lease & { released: number } {
  return {
    holder: 'test',
    ttlMs: 30_000,
    released: 0,
    async acquire() {
      return acquires.shift() ?? true;
    },
    async renew() {
      return renewals.shift() ?? true;
    },
    async release() {
      this.released += 1;
    },
  };
}
