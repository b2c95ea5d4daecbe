/**
 * Real sample files for upload tests, written to a temp dir: a minimal valid PDF (one empty page,
 * correct xref offsets), a minimal valid baseline JPEG (one 8×8 grey block: one quantisation table,
 * one-symbol Huffman tables, a single DC=0/EOB scan), a Windows executable renamed to .pdf, a .docx
 * (zip) and an oversized PDF.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A minimal valid PDF: catalog, page tree, one 200×200 page. */
export function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A minimal valid baseline JPEG, 8×8 pixels of mid grey. */
export function minimalJpeg(): Buffer {
  const segment = (marker: number, payload: number[]) => [
    0xff,
    marker,
    (payload.length + 2) >> 8,
    (payload.length + 2) & 0xff,
    ...payload,
  ];
  const dqt = segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]);
  const sof0 = segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]);
  // One symbol per table, code length 1 (code "0"): DC category 0, AC end-of-block.
  const counts = [1, ...new Array<number>(15).fill(0)];
  const dhtDc = segment(0xc4, [0x00, ...counts, 0x00]);
  const dhtAc = segment(0xc4, [0x10, ...counts, 0x00]);
  const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
  // Bits "0" (DC diff 0) + "0" (EOB), padded with ones.
  return Buffer.from([0xff, 0xd8, ...dqt, ...sof0, ...dhtDc, ...dhtAc, ...sos, 0x3f, 0xff, 0xd9]);
}

/** The start of a Windows PE executable ("MZ"). */
export function fakeExecutable(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return bytes;
}

/** The start of a .docx (a zip: "PK\x03\x04"). */
export function fakeDocx(): Buffer {
  return Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    Buffer.from('[Content_Types].xml', 'latin1'),
    Buffer.alloc(64),
  ]);
}

/** A PDF padded to `size` bytes. */
export function oversizedPdf(size: number): Buffer {
  const pdf = minimalPdf();
  return Buffer.concat([pdf, Buffer.alloc(Math.max(size - pdf.length, 0), 0x20)]);
}

/** Sample files written to a fresh temp dir: their absolute paths. */
export function writeSampleFiles(oversize = 11 * 1024 * 1024): {
  dir: string;
  pdf: string;
  jpeg: string;
  exe: string;
  docx: string;
  empty: string;
  big: string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'tanya-files-'));
  const write = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  return {
    dir,
    pdf: write('dokumen.pdf', minimalPdf()),
    jpeg: write('foto.jpg', minimalJpeg()),
    exe: write('ktp.pdf.exe.pdf', fakeExecutable()),
    docx: write('surat.docx', fakeDocx()),
    empty: write('kosong.pdf', Buffer.alloc(0)),
    big: write('besar.pdf', oversizedPdf(oversize)),
  };
}
