/**
 * WhatsApp media URLs come from the sending client: Baileys' download is only started for `https`
 * URLs on WhatsApp's media hosts, so a crafted message cannot make the server fetch from elsewhere.
 */
import type { WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { checkMediaUrl, mediaUrlOf } from '../../src/channels/whatsapp/media-url.js';

function image(media: Record<string, unknown>): WAMessage {
  return {
    key: { remoteJid: '6281234567890@s.whatsapp.net', id: 'M1', fromMe: false },
    message: { imageMessage: { mimetype: 'image/jpeg', ...media } },
  } as WAMessage;
}

describe('WhatsApp media URLs', () => {
  it('finds the URL Baileys would fetch', () => {
    expect(mediaUrlOf(image({ url: 'https://mmg.whatsapp.net/o1/v/x?e=1', directPath: '/o1/v/x?e=1' }))).toBe(
      'https://mmg.whatsapp.net/o1/v/x?e=1',
    );
    expect(mediaUrlOf(image({ url: 'https://127.0.0.1:8080/a', directPath: '/v/b' }))).toBe(
      'https://127.0.0.1:8080/v/b',
    );
    expect(mediaUrlOf(image({ url: 'http://10.0.0.1/c' }))).toBe('http://10.0.0.1/c');
  });

  it.each([
    image({ url: 'https://127.0.0.1:8080/a', directPath: '/v/b' }),
    image({ url: 'http://10.0.0.1/c' }),
    image({ url: 'http://mmg.whatsapp.net/c' }),
    image({ url: 'https://169.254.169.254/latest/meta-data/' }),
    image({ url: 'https://whatsapp.net.example.com/x' }),
    image({}),
  ])('refuses a message whose media is not on a WhatsApp media host (%#)', async (message) => {
    await expect(checkMediaUrl(message)).rejects.toMatchObject({ reason: 'not_found' });
  });
});
