/**
 * Claim transcripts through the real command, `node bin/tanya.js chat --json`, in a temp DATA_DIR,
 * with real files written by the test: a resignation (with a renamed executable, an oversized file,
 * a .docx, an empty file and a replaced upload), a PHK, a death claim by the heir and a 10% partial
 * claim, each ending with a ticket; then `tanya records list --json --type claim` lists them with
 * their documents. The processes use the real clock, so dates are typed relative to today.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NIK_JAKARTA, NIK_MAKASSAR } from '../helpers/claims.js';
import { writeSampleFiles } from '../helpers/files.js';
import { chat, runTanya, textOf, type ChatTurn } from '../helpers/tanya.js';

let files: ReturnType<typeof writeSampleFiles>;
let dataDir: string;
let env: Record<string, string>;
beforeAll(() => {
  files = writeSampleFiles(200_000);
  dataDir = mkdtempSync(join(tmpdir(), 'tanya-claims-cli-'));
  env = { DATA_DIR: dataDir, DOCUMENT_MAX_BYTES: '100000' };
});

const pdf = () => ({ file: { path: files.pdf } });
const jpeg = () => ({ file: { path: files.jpeg, mime: 'image/jpeg' } });
const steps = (turns: ChatTurn[]) => turns.map((turn) => turn.awaiting?.step ?? null);
const TICKET = /Nomor tiket: \*(LA-\d{8}-[0-9A-Z]{6})\*/;

function ticketOf(turns: ChatTurn[]): string {
  const match = TICKET.exec(textOf(turns.at(-1)));
  expect(match, textOf(turns.at(-1))).not.toBeNull();
  return match?.[1] ?? '';
}

const tickets: Record<string, string> = {};

describe('tanya chat --json: claims', { timeout: 60_000 }, () => {
  it('files a resignation, refusing bad files on the same step and replacing an upload', async () => {
    const { turns, code } = await chat(
      [
        { choice: 'start:claim' },
        { text: 'resign' },
        { text: '60 hari lalu' },
        { text: NIK_JAKARTA },
        { text: '1234-5678-901' },
        { text: 'Siti Aminah' },
        { file: { path: files.exe } },
        jpeg(),
        { file: { path: files.big } },
        { file: { path: files.docx } },
        { text: 'coba lagi' },
        { file: { path: files.empty } },
        pdf(),
        { text: 'ganti' },
        pdf(),
        pdf(),
        pdf(),
        pdf(),
        { text: 'lewati' },
        jpeg(),
        { text: 'BRI' },
        { text: '0123456789' },
        { text: 'Siti Aminah' },
        { text: '1' },
        { choice: 'confirm:yes' },
      ],
      env,
      ['--user', 'resign'],
    );
    expect(code).toBe(0);
    expect(steps(turns)).toEqual([
      'reason',
      'exit_date',
      'nik',
      'kpj',
      'name',
      'doc_kpj_card',
      'doc_kpj_card',
      'doc_ktp',
      'doc_ktp',
      'doc_ktp',
      'doc_ktp',
      'doc_ktp',
      'doc_paklaring',
      'doc_ktp',
      'doc_paklaring',
      'doc_kk',
      'doc_buku_tabungan',
      'doc_npwp',
      'doc_selfie',
      'bank',
      'bank',
      'bank',
      'slot',
      'confirm',
      null,
    ]);
    expect(textOf(turns[6])).toContain('program/aplikasi');
    expect(textOf(turns[8])).toContain('terlalu besar (maks. 98 KB)');
    expect(textOf(turns[9])).toContain('Word/Excel/ZIP');
    expect(textOf(turns[11])).toContain('kosong (0 byte)');
    expect(turns[5]?.replies.find((reply) => reply.kind === 'request_file')?.accept).toContain(
      'application/pdf',
    );
    expect(textOf(turns[14])).toContain('✓ KTP sudah diganti');
    expect(textOf(turns.at(-1))).toContain('Status: Diajukan');
    tickets.resign = ticketOf(turns);
  });

  it('files a PHK claim with the proof of PHK, times shown in WITA', async () => {
    const { turns } = await chat(
      [
        { choice: 'start:claim' },
        { choice: 'reason:phk' },
        { text: '45 hari lalu' },
        { text: NIK_MAKASSAR },
        { text: 'lewati' },
        { text: 'Andi Saputra' },
        pdf(),
        jpeg(),
        pdf(),
        pdf(),
        pdf(),
        pdf(),
        jpeg(),
        { text: 'mandiri' },
        { text: '1230009876543' },
        { text: 'ANDI SAPUTRA' },
        { text: '1' },
        { text: 'ya' },
      ],
      env,
      ['--user', 'phk'],
    );
    expect(steps(turns).slice(5, 13)).toEqual([
      'doc_kpj_card',
      'doc_ktp',
      'doc_phk_proof',
      'doc_kk',
      'doc_buku_tabungan',
      'doc_npwp',
      'doc_selfie',
      'bank',
    ]);
    expect(textOf(turns[7])).toContain('Cukup salah satu');
    expect(textOf(turns[16])).toMatch(/\d{2}\.\d{2} WITA/);
    tickets.phk = ticketOf(turns);
  });

  it('files a death claim by the heir, the account in the heir name', async () => {
    const { turns } = await chat(
      [
        { choice: 'start:claim' },
        { choice: 'reason:death' },
        { text: NIK_JAKARTA },
        { text: '12345678901' },
        { text: 'Siti Aminah' },
        { text: 'Rudi Hartono' },
        pdf(),
        pdf(),
        pdf(),
        jpeg(),
        pdf(),
        pdf(),
        { text: 'lewati' },
        jpeg(),
        { text: 'bca' },
        { text: '5550001112' },
        { text: 'Siti Aminah' },
        { text: 'Bpk. Rudi Hartono' },
        { text: '1' },
        { text: 'ya' },
      ],
      env,
      ['--user', 'heir'],
    );
    expect(steps(turns).slice(0, 7)).toEqual([
      'reason',
      'nik',
      'kpj',
      'name',
      'name',
      'doc_kpj_card',
      'doc_death_certificate',
    ]);
    expect(textOf(turns[16])).toContain('tidak sama dengan nama ahli waris (Rudi Hartono)');
    expect(textOf(turns[18])).toContain('Ahli waris: Rudi Hartono');
    tickets.death = ticketOf(turns);
  });

  it('files a 10% partial claim after 10 years of membership', async () => {
    const { turns } = await chat(
      [
        { choice: 'start:claim' },
        { text: 'klaim 10% aja' },
        { text: 'sudah 11 tahun' },
        { text: NIK_JAKARTA },
        { text: 'lewati' },
        { text: 'Siti Aminah' },
        pdf(),
        pdf(),
        pdf(),
        pdf(),
        { text: 'lewati' },
        jpeg(),
        { text: 'bsi' },
        { text: '7001234567' },
        { text: 'siti aminah' },
        { text: '1' },
        { text: 'ya' },
      ],
      env,
      ['--user', 'partial'],
    );
    expect(steps(turns).slice(0, 4)).toEqual(['reason', 'reason', 'nik', 'kpj']);
    expect(textOf(turns[15])).toContain('Klaim sebagian 10% (masih bekerja) (11 tahun kepesertaan)');
    expect(textOf(turns[15])).toContain('hanya bisa sekali');
    tickets.partial = ticketOf(turns);
  });

  it('files nothing for a resignation still in the waiting period', async () => {
    const { turns } = await chat(
      [{ choice: 'start:claim' }, { text: 'resign' }, { text: '3 hari lalu' }],
      env,
      ['--user', 'waiting'],
    );
    expect(textOf(turns[2])).toMatch(/masa tunggu 1 bulan, yaitu mulai \*\d{1,2} \w+ \d{4}\*/);
    expect(turns[2]?.awaiting).toBeNull();
  });

  it('lists the claims with their documents, NIK and account masked', async () => {
    const { lines, code } = await runTanya(['records', 'list', '--json', '--type', 'claim'], '', env);
    expect(code).toBe(0);
    const views = lines.map(
      (line) => JSON.parse(line) as { id: string; status: string; data: Record<string, unknown> },
    );
    expect(views.map((view) => view.id).sort()).toEqual(Object.values(tickets).sort());
    const byId = new Map(views.map((view) => [view.id, view]));
    const documentTypes = (id: string | undefined) =>
      (byId.get(id ?? '')?.data.documents as { type: string }[]).map((doc) => doc.type);
    expect(documentTypes(tickets.resign)).toEqual([
      'kpj_card',
      'ktp',
      'paklaring',
      'kk',
      'buku_tabungan',
      'selfie',
    ]);
    expect(documentTypes(tickets.phk)).toEqual([
      'kpj_card',
      'ktp',
      'phk_proof',
      'kk',
      'buku_tabungan',
      'npwp',
      'selfie',
    ]);
    expect(documentTypes(tickets.death)).toEqual([
      'kpj_card',
      'death_certificate',
      'heir_certificate',
      'heir_ktp',
      'heir_kk',
      'buku_tabungan',
      'selfie',
    ]);
    const resign = byId.get(tickets.resign ?? '');
    expect(resign?.status).toBe('submitted');
    expect(resign?.data).toMatchObject({
      reason: 'resign',
      nik: '************0001',
      kpj: '*******8901',
      bank: { bank: 'BRI', account: '******6789', holder: 'Siti Aminah' },
    });
    const documents = resign?.data.documents as { id: string; sha256: string; mime: string }[];
    for (const doc of documents) {
      expect(doc.id).toMatch(/^[0-9a-f]{32}$/);
      expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
      const meta = JSON.parse(readFileSync(join(dataDir, 'documents', `${doc.id}.json`), 'utf8')) as {
        sha256: string;
      };
      expect(meta.sha256).toBe(doc.sha256);
    }
    // Only the documents of the four claims are on disk: refused files were never stored, the replaced one was deleted.
    const stored = readdirSync(join(dataDir, 'documents')).filter((name) => name.endsWith('.bin'));
    const claimed = views.flatMap((view) =>
      (view.data.documents as { id: string }[]).map((doc) => `${doc.id}.bin`),
    );
    expect(stored.sort()).toEqual(claimed.sort());
  });
});
