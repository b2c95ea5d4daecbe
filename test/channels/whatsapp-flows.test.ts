/**
 * Complete dialogs over WhatsApp: the real app (engine, dialogs, FAQ content, record and document
 * stores) on a fake clock, the real WhatsApp channel over a fake Baileys socket. Real-shaped
 * `WAMessage`s arrive through `messages.upsert`; uploads are `imageMessage`/`documentMessage`s with
 * WhatsApp's media fields, and the claim dialog downloads them through the channel's `fetchFile`,
 * whose network edge (Baileys' media download) is a stub serving the bytes by the message's
 * `fileSha256`. WhatsApp shows choices as numbered lists: the user answers with the number.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { proto, WAMessage } from '@whiskeysockets/baileys';
import {
  createWhatsAppChannel,
  type MediaDownloader,
  type WhatsAppChannel,
} from '../../src/channels/whatsapp/adapter.js';
import { unwrapContent } from '../../src/channels/whatsapp/map.js';
import { claimData } from '../../src/claims/record.js';
import { NIK_JAKARTA } from '../helpers/claims.js';
import { minimalJpeg, minimalPdf } from '../helpers/files.js';
import { CLAIM_TICKET, FAQ_QUESTION, FAQ_SOURCE, FAQ_TOPIC, startFlowApp, type FlowApp } from './flow-app.js';
import {
  boom,
  fakeSocketFactory,
  ManualScheduler,
  memoryAuthState,
  textMessage,
  waMessage,
  type FakeSocket,
} from './whatsapp-fakes.js';

const PDF = minimalPdf();
const JPEG = minimalJpeg();
/** Documents are encrypted at rest, as in production. */
const DOCUMENT_KEY = 'c0ffee'.repeat(10) + 'beef';

let flow: FlowApp;
let channel: WhatsAppChannel;
let socket: FakeSocket;
/** WhatsApp's media host as far as the channel reaches it: bytes by their SHA-256 (base64). */
const mediaHost = new Map<string, Buffer>();
/** The message ids whose media the channel downloaded. */
const downloads: string[] = [];

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();

/** Baileys' `downloadMediaMessage` stand-in: finds the media by `fileSha256`, streams it in chunks. */
const download: MediaDownloader = async (message) => {
  downloads.push(message.key.id ?? '');
  const content = unwrapContent(message.message);
  const media = content?.documentMessage ?? content?.imageMessage;
  const bytes = media?.fileSha256 && mediaHost.get(Buffer.from(media.fileSha256).toString('base64'));
  if (!bytes) throw boom(404, 'Not Found');
  return Readable.from([bytes.subarray(0, 64), bytes.subarray(64)]);
};

beforeAll(async () => {
  flow = await startFlowApp({ DOCUMENT_KEY });
  const sockets = fakeSocketFactory();
  channel = await flow.use(
    createWhatsAppChannel(flow.app, flow.app.config, {
      socketFactory: sockets.factory,
      scheduler: new ManualScheduler(),
      openAuth: async () => {
        const auth = memoryAuthState();
        auth.state.creds.registered = true; // a paired number, as after a restart
        return auth;
      },
      download,
      outbox: { minIntervalMs: 0, jitterMs: 0 },
      printQr: () => undefined,
    }),
  );
  await flow.listen();
  socket = sockets.latest();
  socket.open();
  expect(channel.status).toBe('open');
});

afterAll(async () => flow?.close());

/** Media fields as WhatsApp sends them (encrypted upload on its CDN, keys, hashes, sizes). */
function mediaFields(bytes: Buffer, mimetype: string) {
  const hash = sha256(bytes);
  mediaHost.set(hash.toString('base64'), bytes);
  const directPath = `/v/t62.7119-24/${randomBytes(8).readBigUInt64BE()}_n.enc?ccb=11-4&oh=01_Q5Aa1gF&oe=6A4F1C2B&_nc_sid=5e03e0`;
  return {
    url: `https://mmg.whatsapp.net${directPath}&mms3=true`,
    mimetype,
    fileSha256: hash,
    fileLength: bytes.length,
    mediaKey: randomBytes(32),
    fileEncSha256: sha256(Buffer.concat([bytes, randomBytes(16)])),
    directPath,
    mediaKeyTimestamp: 1_763_694_000,
  };
}

/** A photo (JPEG) sent from the gallery or camera. */
function photoContent(bytes: Buffer, caption?: string): proto.IMessage {
  return {
    imageMessage: {
      ...mediaFields(bytes, 'image/jpeg'),
      height: 8,
      width: 8,
      jpegThumbnail: bytes,
      ...(caption ? { caption } : {}),
    },
  };
}

/** A PDF sent as a document; with a caption WhatsApp wraps it in `documentWithCaptionMessage`. */
function pdfContent(bytes: Buffer, fileName: string, caption?: string): proto.IMessage {
  const documentMessage = {
    ...mediaFields(bytes, 'application/pdf'),
    title: fileName.replace(/\.pdf$/, ''),
    fileName,
    pageCount: 1,
    ...(caption ? { caption } : {}),
  };
  return caption ? { documentWithCaptionMessage: { message: { documentMessage } } } : { documentMessage };
}

/** One WhatsApp chat with the bot. */
class Chat {
  constructor(readonly jid: string) {}

  get key(): string {
    return `whatsapp:${this.jid}`;
  }

  /** The user sends a message a moment later; resolves with the bot's replies once delivered. */
  async send(content: proto.IMessage): Promise<string[]> {
    flow.pause();
    return this.deliver(waMessage(content, { remoteJid: this.jid, pushName: 'Siti' }));
  }

  async deliver(message: WAMessage): Promise<string[]> {
    const before = socket.sent.length;
    socket.upsert([message]);
    await channel.idle();
    const sent = socket.sent.slice(before);
    for (const reply of sent) expect(reply.jid).toBe(this.jid);
    return sent.map(({ content }) => ('text' in content ? content.text : '?'));
  }

  type(text: string): Promise<string[]> {
    flow.pause();
    return this.deliver(textMessage(text, { remoteJid: this.jid, pushName: 'Siti' }));
  }

  /** Answers a numbered list with the number of the line containing `label`. */
  choose(list: string | undefined, label: string): Promise<string[]> {
    return this.type(numberOf(list, label));
  }
}

/** The number in front of a numbered-list line containing `label`. */
function numberOf(text: string | undefined, label: string): string {
  const line = (text ?? '')
    .split('\n')
    .find((candidate) => /^\d+\. /.test(candidate) && candidate.includes(label));
  const number = line?.match(/^(\d+)\. /)?.[1];
  if (!number) throw new Error(`no numbered line with "${label}" in:\n${text}`);
  return number;
}

describe('WhatsApp: complete dialogs through the channel and a fake Baileys socket', () => {
  it('answers a FAQ question with the answer and its source', async () => {
    const chat = new Chat('628111000001@s.whatsapp.net');
    const [answer, ...more] = await chat.type(FAQ_QUESTION);
    expect(more).toEqual([]);
    expect(answer).toMatch(FAQ_TOPIC);
    expect(answer).toMatch(FAQ_SOURCE);
    expect(answer).toMatch(/\n\d+\. Menu utama\n/);
    expect(answer).toContain('_Balas dengan angka pilihan Anda._');
    expect((await flow.app.engine.session(chat.key))?.stack.at(-1)).toMatchObject({ dialog: 'faq' });
  });

  it('files a JHT claim with uploaded photos and PDFs, ending with a ticket and the documents on record', async () => {
    const chat = new Chat('628122223333@s.whatsapp.net');
    const [menu] = await chat.type('halo');
    const [reasons] = await chat.choose(menu, 'Klaim JHT online');
    expect(reasons).toContain('Apa alasan klaim Anda?');
    expect(await chat.choose(reasons, 'Mengundurkan diri (resign)')).toEqual([
      expect.stringContaining('tanggal resign'),
    ]);
    expect(await chat.type('1 oktober 2026')).toEqual(['Ketik NIK Anda (16 digit, ada di KTP).']);
    expect((await chat.type(NIK_JAKARTA))[0]).toContain('nomor KPJ');
    expect((await chat.type('lewati'))[0]).toContain('nama lengkap Anda');
    const [askKpjCard] = await chat.type('Siti Aminah');
    expect(askKpjCard).toContain('Dokumen 1 dari 7: kirim foto atau scan *kartu peserta (KPJ)*');
    expect(askKpjCard).toContain('📎');

    // The uploads, each acknowledged before the next document is asked for.
    const uploads: Array<[string, proto.IMessage, RegExp, string]> = [
      ['kpj_card', photoContent(JPEG), /^✓ kartu peserta \(KPJ\) diterima \(JPG/, 'Dokumen 2 dari 7'],
      ['ktp', photoContent(JPEG, 'KTP saya'), /^✓ KTP diterima \(JPG/, 'Dokumen 3 dari 7'],
      [
        'paklaring',
        pdfContent(PDF, 'paklaring.pdf'),
        /^✓ surat keterangan kerja .* diterima \(PDF/,
        'Dokumen 4 dari 7',
      ],
      [
        'kk',
        pdfContent(PDF, 'kk-2026.pdf', 'KK terbaru'),
        /^✓ Kartu Keluarga \(KK\) diterima \(PDF/,
        'Dokumen 5 dari 7',
      ],
      [
        'buku_tabungan',
        pdfContent(PDF, 'buku-tabungan.pdf'),
        /^✓ halaman depan buku tabungan diterima \(PDF/,
        '*NPWP*',
      ],
    ];
    for (const [type, content, ack, next] of uploads) {
      const replies = await chat.send(content);
      expect(replies, type).toHaveLength(2);
      expect(replies[0], type).toMatch(ack);
      expect(replies[1], type).toContain(next);
    }
    const [askSelfie] = await chat.type('lewati');
    expect(askSelfie).toContain('Dokumen 7 dari 7: kirim *foto wajah (selfie)* berupa foto');
    const [selfieAck, askBank] = await chat.send(photoContent(JPEG));
    expect(selfieAck).toMatch(/^✓ foto wajah \(selfie\) diterima \(JPG/);
    expect(askBank).toContain('Dokumen lengkap.');

    expect((await chat.choose(askBank, 'BRI'))[0]).toContain('nomor rekening BRI');
    expect((await chat.type('0123 4567 890'))[0]).toContain('Harus sama dengan *Siti Aminah*');
    const [slots] = await chat.type('Siti Aminah');
    expect(slots).toContain('Pilih jadwal verifikasi lewat video call dengan petugas (waktu WIB)');
    const summary = (await chat.choose(slots, 'Sen, 23 Nov 09.00 WIB')).join('\n');
    expect(summary).toContain('NIK: ************0001');
    expect(summary).toContain('BRI *******7890 a.n. Siti Aminah');
    const confirmation = await chat.choose(summary, 'Ya, kirim');
    const submitted = confirmation.join('\n');
    const ticket = submitted.match(CLAIM_TICKET)?.[0];
    expect(submitted).toContain(`Nomor tiket: *${ticket}*`);
    expect(submitted).toContain('✓ KTP\n');
    expect(submitted).toContain('– NPWP (dilewati)');
    expect(submitted).toContain('Sen, 23 Nov 09.00 WIB');
    expect(submitted).toContain('tidak pernah meminta uang');

    // The claim on record lists every document, stored encrypted and byte-identical to the upload.
    const [record, ...others] = await flow.app.records.list({ type: 'claim' });
    expect(others).toEqual([]);
    expect(record?.id).toBe(ticket);
    expect(record?.status).toBe('submitted');
    expect(record?.conversation).toEqual({ channel: 'whatsapp', conversationId: chat.jid, userId: chat.jid });
    const data = claimData(record!);
    expect(data).toMatchObject({
      reason: 'resign',
      exitDate: '2026-10-01',
      nik: NIK_JAKARTA,
      kpj: null,
      name: 'Siti Aminah',
      bank: { bank: 'BRI', account: '01234567890', holder: 'Siti Aminah' },
      slot: { id: '2026-11-23T09:00+07:00', zone: 'WIB' },
    });
    expect(data?.documents.map((doc) => [doc.type, doc.mime])).toEqual([
      ['kpj_card', 'image/jpeg'],
      ['ktp', 'image/jpeg'],
      ['paklaring', 'application/pdf'],
      ['kk', 'application/pdf'],
      ['buku_tabungan', 'application/pdf'],
      ['selfie', 'image/jpeg'],
    ]);
    for (const doc of data?.documents ?? []) {
      const original = doc.mime === 'application/pdf' ? PDF : JPEG;
      expect(doc.sha256).toBe(sha256(original).toString('hex'));
      const stored = await flow.app.services.documents.read(doc.id);
      expect(stored.meta.encrypted).toBe(true);
      expect(stored.bytes.equals(original)).toBe(true);
    }
    // Each upload was downloaded once, through the channel.
    expect(downloads).toHaveLength(6);
    expect(new Set(downloads).size).toBe(6);
    expect((await flow.app.engine.session(chat.key))?.stack).toEqual([]);
  });
});
