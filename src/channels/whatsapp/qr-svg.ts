/**
 * Renders a pairing QR as SVG on the server, for the agent console (GET /console/api/whatsapp). The
 * QR matrix comes from the encoder vendored inside `qrcode-terminal` (Kazuhiko Arase's QRCode, MIT),
 * which the terminal QR already uses, so no extra dependency. The SVG is built from the matrix only:
 * numbers and fixed markup, nothing of the encoded text, so it cannot carry markup from it.
 */
import { createRequire } from 'node:module';

/** The part of the vendored encoder used here. */
interface VendoredQrCode {
  addData(data: string): void;
  make(): void;
  getModuleCount(): number;
  isDark(row: number, col: number): boolean;
}
type VendoredQrCodeClass = new (typeNumber: number, errorCorrectLevel: number) => VendoredQrCode;

const require = createRequire(import.meta.url);
const QRCode = require('qrcode-terminal/vendor/QRCode') as VendoredQrCodeClass;
const QRErrorCorrectLevel = require('qrcode-terminal/vendor/QRCode/QRErrorCorrectLevel') as Record<
  ErrorCorrection,
  number
>;

/** QR error correction: L 7 %, M 15 %, Q 25 %, H 30 % of the code words can be restored. */
export type ErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/**
 * The QR code of `text` as rows of modules (`true` = dark). The text is encoded as 8-bit bytes, one
 * per UTF-16 unit (WhatsApp's pairing strings are ASCII). Throws when it is too long for a QR code.
 */
export function qrMatrix(text: string, level: ErrorCorrection = 'M'): boolean[][] {
  const code = new QRCode(-1, QRErrorCorrectLevel[level]);
  code.addData(text);
  code.make();
  const size = code.getModuleCount();
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, col) => code.isDark(row, col) === true),
  );
}

/** Options of {@link qrSvg}. */
export interface QrSvgOptions {
  level?: ErrorCorrection;
  /** Light border in modules (the standard asks for 4). */
  margin?: number;
}

/**
 * The QR code of `text` as a standalone SVG document: a white square and one black path of
 * horizontal runs (`M x y h n v1 h-n z`), one unit per module, scaled by the viewBox.
 */
export function qrSvg(text: string, options: QrSvgOptions = {}): string {
  const matrix = qrMatrix(text, options.level ?? 'M');
  const margin = Math.max(0, Math.floor(options.margin ?? 4));
  const size = matrix.length + 2 * margin;
  let path = '';
  matrix.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x += 1;
      const run = x - start;
      path += `M${start + margin} ${y + margin}h${run}v1h-${run}z`;
    }
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/>` +
    `<path d="${path}" fill="#000"/>` +
    `</svg>`
  );
}
