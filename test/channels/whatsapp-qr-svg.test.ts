/**
 * The server-side QR renderer of the WhatsApp pairing page: the SVG draws exactly the modules the
 * vendored encoder (inside qrcode-terminal) produces, and carries nothing of the encoded text.
 */
import { createRequire } from 'node:module';
import qrcodeTerminal from 'qrcode-terminal';
import { describe, expect, it } from 'vitest';
import { qrMatrix, qrSvg } from '../../src/channels/whatsapp/qr-svg.js';

const require = createRequire(import.meta.url);
const QRCode = require('qrcode-terminal/vendor/QRCode') as new (
  typeNumber: number,
  level: number,
) => { addData(text: string): void; make(): void; modules: Array<Array<boolean | null>> };
const LEVEL = require('qrcode-terminal/vendor/QRCode/QRErrorCorrectLevel') as Record<string, number>;

/** What Baileys hands over: ref, noise key, identity key, adv secret (base64), comma-separated. */
const PAIRING =
  '2@Xk1yZ3JtN0hQd2J5c1RtV2Z0cE1xQ2xGc0ZqY0tYb3pVb1pZbFZ4N2tTR0pCaE1sVjFmVQ==,' +
  'q8ZQx3Vd7a0m3oYk5pOe1pGm8m6m8s0B0b1y3QH6N2A=,' +
  'W1bV2T5Qq9uJtq6C3n1k3Cw0l1yN1o6q8yZl9m0r2Qs=,' +
  'b3V0T2ZCYW5kU2VjcmV0MTIzNDU2Nzg5MA==';

/** The vendored encoder's own matrix, straight from its `modules`. */
function vendored(text: string, level: string): boolean[][] {
  const code = new QRCode(-1, LEVEL[level] as number);
  code.addData(text);
  code.make();
  return code.modules.map((row) => row.map((cell) => cell === true));
}

/** Redraws the SVG path (`M x y h n v1 h-n z` runs) as a matrix. */
function fromSvg(svg: string): { size: number; matrix: boolean[][] } {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const matrix = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const d = /<path d="([^"]*)"/.exec(svg)?.[1] ?? '';
  for (const [, x, y, run, back] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    expect(back).toBe(run);
    for (let i = 0; i < Number(run); i++) {
      const row = matrix[Number(y)] as boolean[];
      expect(row[Number(x) + i]).toBe(false); // runs never overlap
      row[Number(x) + i] = true;
    }
  }
  return { size, matrix };
}

const dark = (matrix: boolean[][]) => matrix.flat().filter(Boolean).length;

describe('qrSvg', () => {
  it('draws exactly the modules of the vendored encoder, inside a 4-module margin', () => {
    for (const [text, level] of [
      ['HELLO', 'M'],
      [PAIRING, 'M'],
      [PAIRING, 'L'],
    ] as const) {
      const expected = vendored(text, level);
      expect(qrMatrix(text, level)).toEqual(expected);
      const { size, matrix } = fromSvg(qrSvg(text, { level }));
      expect(size).toBe(expected.length + 8);
      const inner = matrix.slice(4, -4).map((row) => row.slice(4, -4));
      expect(inner).toEqual(expected);
      expect(dark(matrix)).toBe(dark(expected));
    }
  });

  it('has a known size and dark-module count for a known input', () => {
    const matrix = vendored('HELLO', 'M');
    expect(matrix).toHaveLength(21); // version 1
    const { matrix: drawn } = fromSvg(qrSvg('HELLO'));
    expect(dark(drawn)).toBe(dark(matrix));
    // Finder patterns: the top-left 7×7 square has 33 dark modules (ring 24 + centre 9).
    expect(dark(matrix.slice(0, 7).map((row) => row.slice(0, 7)))).toBe(33);
  });

  it('agrees with the terminal QR printed by qrcode-terminal (level L)', () => {
    let printed = '';
    qrcodeTerminal.generate(PAIRING, {}, (out) => (printed = out));
    const black = printed.split('\u001b[40m  \u001b[0m').length - 1;
    expect(dark(fromSvg(qrSvg(PAIRING, { level: 'L' })).matrix)).toBe(black);
  });

  it('puts nothing of the encoded text in the SVG: only numbers and fixed markup', () => {
    const hostile = `"><script>alert(1)</script><svg onload=alert(2)>&amp;'`;
    const svg = qrSvg(hostile);
    expect(svg).not.toContain('script');
    expect(svg).not.toContain('onload');
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1" shape-rendering="crispEdges"><rect width="\1" height="\1" fill="#fff"\/><path d="[Mhvz0-9 -]+" fill="#000"\/><\/svg>$/,
    );
    // A real pairing string too: only the characters of the fixed markup and of numbers.
    expect(qrSvg(PAIRING)).toMatch(/^[<>a-zA-Z0-9 ="/:.#,-]+$/);
  });

  it('refuses text too long for any QR code', () => {
    expect(() => qrSvg('x'.repeat(4000))).toThrow();
  });
});
