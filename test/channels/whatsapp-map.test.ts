import { describe, expect, it } from 'vitest';
import { normalizeMessageContent, proto } from '@whiskeysockets/baileys';
import {
  mapWhatsAppMessage,
  normalizeJid,
  outboundToWhatsApp,
  unwrapContent,
  type MapResult,
} from '../../src/channels/whatsapp/map.js';
import { Inbound } from '../../src/engine/types.js';
import { textMessage, waMessage } from './whatsapp-fakes.js';

function mapped(result: MapResult) {
  if (!result.ok) throw new Error(`ignored: ${result.reason}`);
  expect(Inbound.safeParse(result.inbound).success).toBe(true);
  return result;
}

const LID = '118023456789012@lid';
const PN = '628111222333@s.whatsapp.net';

describe('WhatsApp map: inbound', () => {
  it('maps a plain conversation text with a scoped id and timestamp', () => {
    const result = mapped(mapWhatsAppMessage(textMessage(' halo ', { remoteJid: PN, id: 'ABC' })));
    expect(result.inbound).toEqual({
      kind: 'text',
      text: 'halo',
      id: `${PN}:ABC`,
      address: { channel: 'whatsapp', conversationId: PN, userId: PN },
      at: '2025-11-21T03:00:00.000Z',
    });
    expect(result.chatJid).toBe(PN);
  });

  it('maps extendedTextMessage (links, replies) to text', () => {
    const message = waMessage({ extendedTextMessage: { text: 'cek https://bpjsketenagakerjaan.go.id' } });
    expect(mapped(mapWhatsAppMessage(message)).inbound).toMatchObject({
      kind: 'text',
      text: 'cek https://bpjsketenagakerjaan.go.id',
    });
  });

  it('uses the LID as the conversation and keeps the phone-number alternative', () => {
    const result = mapped(mapWhatsAppMessage(textMessage('halo', { remoteJid: LID, remoteJidAlt: PN })));
    expect(result.inbound.address).toEqual({ channel: 'whatsapp', conversationId: LID, userId: LID });
    expect(result.phoneJid).toBe(PN);
    // The same person arriving by phone number with the LID as alternative lands in the same conversation.
    const flipped = mapped(mapWhatsAppMessage(textMessage('lagi', { remoteJid: PN, remoteJidAlt: LID })));
    expect(flipped.inbound.address.conversationId).toBe(LID);
    expect(flipped.phoneJid).toBe(PN);
  });

  it('reads the legacy senderPn key field too', () => {
    const message = textMessage('halo', { remoteJid: LID });
    Object.assign(message.key, { senderPn: '628999000111@s.whatsapp.net' });
    expect(mapped(mapWhatsAppMessage(message)).phoneJid).toBe('628999000111@s.whatsapp.net');
  });

  it('maps a location pin and a live location', () => {
    const pin = waMessage({
      locationMessage: {
        degreesLatitude: -6.2297,
        degreesLongitude: 106.8295,
        name: 'Kantor',
        address: 'Jl. Gatot Subroto',
      },
    });
    expect(mapped(mapWhatsAppMessage(pin)).inbound).toMatchObject({
      kind: 'location',
      lat: -6.2297,
      lon: 106.8295,
      name: 'Kantor',
      addressLine: 'Jl. Gatot Subroto',
    });
    const live = waMessage({ liveLocationMessage: { degreesLatitude: -7.25, degreesLongitude: 112.75 } });
    expect(mapped(mapWhatsAppMessage(live)).inbound).toMatchObject({
      kind: 'location',
      live: true,
      lat: -7.25,
    });
    const broken = waMessage({ locationMessage: { degreesLatitude: 123, degreesLongitude: 0 } });
    expect(mapWhatsAppMessage(broken)).toEqual({ ok: false, reason: 'invalid_location' });
  });

  it('maps an image and a PDF document to file refs naming the message', () => {
    const image = waMessage(
      { imageMessage: { mimetype: 'image/jpeg', fileLength: 48_213, caption: 'KTP saya' } },
      { id: 'IMG1' },
    );
    const result = mapped(mapWhatsAppMessage(image));
    expect(result.inbound).toMatchObject({
      kind: 'image',
      caption: 'KTP saya',
      file: { ref: `wa:${PN}:IMG1`, mime: 'image/jpeg', size: 48_213 },
    });
    const pdf = waMessage({
      documentMessage: { mimetype: 'application/pdf', fileName: 'paklaring.pdf', fileLength: 201_337 },
    });
    expect(mapped(mapWhatsAppMessage(pdf)).inbound).toMatchObject({
      kind: 'document',
      file: { mime: 'application/pdf', name: 'paklaring.pdf', size: 201_337 },
    });
  });

  it('unwraps ephemeral, view-once and document-with-caption wrappers like Baileys does', () => {
    const inner = {
      documentMessage: { mimetype: 'application/pdf', fileName: 'kk.pdf', caption: 'kartu keluarga' },
    };
    const wrapped = {
      ephemeralMessage: { message: { documentWithCaptionMessage: { message: inner } } },
    };
    const result = mapped(mapWhatsAppMessage(waMessage(wrapped)));
    expect(result.inbound).toMatchObject({
      kind: 'document',
      caption: 'kartu keluarga',
      file: { name: 'kk.pdf' },
    });
    const viewOnce = { viewOnceMessageV2: { message: { imageMessage: { mimetype: 'image/jpeg' } } } };
    expect(mapped(mapWhatsAppMessage(waMessage(viewOnce))).inbound.kind).toBe('image');
    const decoded = proto.Message.fromObject(wrapped);
    expect(unwrapContent(decoded)).toEqual(normalizeMessageContent(decoded));
  });

  it('ignores what the bot must not answer', () => {
    const reason = (message: ReturnType<typeof waMessage>, allowGroups = false) => {
      const result = mapWhatsAppMessage(message, { allowGroups });
      return result.ok ? 'answered' : result.reason;
    };
    expect(reason(textMessage('story', { remoteJid: 'status@broadcast', participant: PN }))).toBe('status');
    expect(reason(textMessage('promo', { remoteJid: '1234567@broadcast', participant: PN }))).toBe(
      'broadcast',
    );
    expect(reason(textMessage('halo', { fromMe: true }))).toBe('from_me');
    expect(reason(textMessage('halo grup', { remoteJid: '120363025246125486@g.us', participant: LID }))).toBe(
      'group',
    );
    expect(reason(waMessage({ reactionMessage: { text: '👍', key: { id: 'X' } } }))).toBe('reaction');
    expect(reason(waMessage({ protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE } }))).toBe(
      'protocol',
    );
    expect(
      reason(
        waMessage({
          protocolMessage: {
            type: proto.Message.ProtocolMessage.Type.EPHEMERAL_SETTING,
            ephemeralExpiration: 86400,
          },
        }),
      ),
    ).toBe('protocol');
    expect(reason(waMessage({ stickerMessage: { mimetype: 'image/webp' } }))).toBe('unsupported');
    expect(reason(waMessage({ conversation: '   ' }))).toBe('empty');
  });

  it('answers in a group only when allowed, addressing the participant', () => {
    const message = textMessage('halo grup', {
      remoteJid: '120363025246125486@g.us',
      participant: LID,
      participantAlt: PN,
    });
    const result = mapped(mapWhatsAppMessage(message, { allowGroups: true }));
    expect(result.inbound.address).toEqual({
      channel: 'whatsapp',
      conversationId: '120363025246125486@g.us',
      userId: LID,
    });
    expect(result.phoneJid).toBe(PN);
  });

  it('normalizes device suffixes out of JIDs', () => {
    expect(normalizeJid('628111222333:12@s.whatsapp.net')).toBe(PN);
    expect(normalizeJid('628111222333@c.us')).toBe(PN);
    expect(normalizeJid('118023456789012:3@lid')).toBe(LID);
  });
});

describe('WhatsApp map: outbound', () => {
  it('keeps WhatsApp formatting and converts Markdown emphasis', () => {
    expect(outboundToWhatsApp({ kind: 'text', text: 'Halo *Siti*, ini **penting**' })).toEqual({
      text: 'Halo *Siti*, ini *penting*',
    });
  });

  it('renders choices as a numbered list with a hint in the user language', () => {
    const choices = [
      { id: 'lang:id', label: 'Bahasa Indonesia' },
      { id: 'lang:en', label: 'English' },
    ];
    expect(outboundToWhatsApp({ kind: 'choices', text: 'Pilih bahasa:', choices }, 'id')).toEqual({
      text: 'Pilih bahasa:\n\n1. Bahasa Indonesia\n2. English\n\n_Balas dengan angka pilihan Anda._',
    });
    const en = outboundToWhatsApp({ kind: 'choices', text: 'Choose:', choices }, 'en');
    expect('text' in en && en.text).toContain('Reply with the number');
  });

  it('explains how to share a location and send files', () => {
    const location = outboundToWhatsApp({ kind: 'request_location', text: 'Di mana Anda?' }, 'id');
    expect('text' in location && location.text).toMatch(/Di mana Anda\?\n\n.*📎.*\*Lokasi\*/);
    const file = outboundToWhatsApp(
      { kind: 'request_file', text: 'Kirim KTP', accept: ['image/jpeg', 'application/pdf'] },
      'id',
    );
    expect('text' in file && file.text).toMatch(/\*Dokumen\*.*\*Galeri\*/);
    const pdfOnly = outboundToWhatsApp(
      { kind: 'request_file', text: 'Send it', accept: ['application/pdf'] },
      'en',
    );
    expect('text' in pdfOnly && pdfOnly.text).not.toMatch(/Gallery/);
  });

  it('sends a venue as a location pin', () => {
    expect(
      outboundToWhatsApp({
        kind: 'venue',
        lat: -6.2,
        lon: 106.8,
        title: 'Kantor Cabang',
        address: 'Jl. Sudirman 1',
      }),
    ).toEqual({
      location: {
        degreesLatitude: -6.2,
        degreesLongitude: 106.8,
        name: 'Kantor Cabang',
        address: 'Jl. Sudirman 1',
      },
    });
  });
});
