/**
 * The claim form through the real engine, dialogs, locales and stores (documents in a temp dir,
 * slots in memory), with real files read from disk by the terminal channel. The fake clock reads
 * Saturday 21 November 2026, 10:00 WIB, so the first verification day is Monday 23 November.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { converse, type Conversation } from '../helpers/converse.js';
import { createTestEngine } from '../helpers/engine.js';
import { createTestClaimServices, NIK_JAKARTA, NIK_MAKASSAR, upload } from '../helpers/claims.js';
import { writeSampleFiles } from '../helpers/files.js';
import { FileRecordStore } from '../../src/store/file-record-store.js';
import { claimData } from '../../src/claims/record.js';
import type { Services } from '../../src/engine/dialog.js';

let files: ReturnType<typeof writeSampleFiles>;
beforeAll(() => {
  files = writeSampleFiles(200_000);
});

/** An engine whose claim services and records the test can inspect. */
function setup(options: { capacity?: number; maxBytes?: number } = {}) {
  const records = FileRecordStore.inMemory();
  const claims = createTestClaimServices({
    documents: { maxBytes: options.maxBytes ?? 100_000 },
    ...(options.capacity ? { schedule: { capacity: options.capacity } } : {}),
  });
  const services: Partial<Services> = { records, ...claims };
  const { engine, clock } = createTestEngine({ services });
  return { engine, clock, records, documents: claims.documents };
}

/** Answers up to the first document of a resignation claim. */
function startResignation(c: Conversation, nik = NIK_JAKARTA, name = 'Siti Aminah'): Conversation {
  return c
    .choose('start:claim')
    .expectAwaiting('claim', 'reason')
    .user('1')
    .expectAwaiting('claim', 'exit_date')
    .user('1 oktober 2026')
    .expectAwaiting('claim', 'nik')
    .user(nik)
    .expectAwaiting('claim', 'kpj')
    .user('lewati')
    .expectAwaiting('claim', 'name')
    .user(name)
    .expectAwaiting('claim', 'doc_kpj_card');
}

/** Uploads every document of a resignation claim (NPWP skipped). */
function uploadResignationDocuments(c: Conversation): Conversation {
  return c
    .send(upload(files.jpeg, 'image/jpeg'))
    .expectAwaiting('claim', 'doc_ktp')
    .send(upload(files.pdf))
    .expectAwaiting('claim', 'doc_paklaring')
    .send(upload(files.pdf))
    .expectAwaiting('claim', 'doc_kk')
    .send(upload(files.pdf))
    .expectAwaiting('claim', 'doc_buku_tabungan')
    .send(upload(files.pdf))
    .expectAwaiting('claim', 'doc_npwp')
    .user('lewati')
    .expectAwaiting('claim', 'doc_selfie')
    .send(upload(files.jpeg, 'image/jpeg'))
    .expectAwaiting('claim', 'bank');
}

/** Bank, holder and the first slot, up to the confirmation. */
function accountAndSlot(c: Conversation, holder = 'Siti Aminah'): Conversation {
  return c
    .user('bri')
    .user('0123 4567 890')
    .user(holder)
    .expectAwaiting('claim', 'slot')
    .user('1')
    .expectAwaiting('claim', 'confirm');
}

describe('claim: a resignation filed in chat', () => {
  it('asks each step, checks every upload by its bytes, and files a claim with a ticket and checklist', async () => {
    const { engine, records, documents } = setup();
    const c = converse(engine, { channel: 'cli' });
    let replacedId = '';
    await startResignation(c)
      .check((replies) => {
        const request = replies.find((reply) => reply.kind === 'request_file');
        expect(request).toMatchObject({
          kind: 'request_file',
          accept: expect.arrayContaining(['application/pdf']),
        });
      })
      .send(upload(files.jpeg, 'image/jpeg'))
      .expectText('✓ kartu peserta (KPJ) diterima (JPG')
      .expectAwaiting('claim', 'doc_ktp')
      // A renamed executable, a .docx, an empty file, an oversized file: refused, same step.
      .send(upload(files.exe))
      .expectText('program/aplikasi')
      .expectAwaiting('claim', 'doc_ktp')
      .send(upload(files.docx))
      .expectText('Word/Excel/ZIP')
      .expectAwaiting('claim', 'doc_ktp')
      .user('coba lagi')
      .send(upload(files.empty))
      .expectText('kosong (0 byte)')
      .send(upload(files.big))
      .expectText('terlalu besar (maks. 98 KB)')
      .user('coba lagi')
      .send(upload(files.pdf))
      .expectText('✓ KTP diterima (PDF')
      .expectAwaiting('claim', 'doc_paklaring')
      .check(async () => {
        const ktp = (await documents.list()).find((doc) => doc.type === 'ktp');
        replacedId = ktp?.id ?? '';
      })
      // "ganti" replaces the last upload and comes back to the same place.
      .user('ganti')
      .expectText('kirim *KTP* yang baru')
      .expectAwaiting('claim', 'doc_ktp')
      .send(upload(files.jpeg, 'image/jpeg'))
      .expectText('✓ KTP sudah diganti')
      .expectAwaiting('claim', 'doc_paklaring')
      .send(upload(files.pdf))
      .send(upload(files.pdf))
      .send(upload(files.pdf))
      .expectAwaiting('claim', 'doc_npwp')
      .user('lewati')
      .expectAwaiting('claim', 'doc_selfie')
      // The selfie must be a photo.
      .send(upload(files.pdf))
      .expectText('harus berupa foto')
      .send(upload(files.jpeg, 'image/jpeg'))
      .expectAwaiting('claim', 'bank');
    await accountAndSlot(c)
      .expectText('NIK: ************0001')
      .expectText('BRI *******7890 a.n. Siti Aminah')
      .expectText('Sen, 23 Nov 09.00 WIB')
      .choose('confirm:yes')
      .expectText(/Nomor tiket: \*LA-20261121-[0-9A-Z]{6}\*/)
      .expectText('✓ KTP\n')
      .expectText('– NPWP (dilewati)')
      .expectText('Status: Diajukan')
      .expectText('tidak pernah meminta uang')
      .expectAwaiting(null);

    const [record] = await records.list({ type: 'claim' });
    expect(record?.status).toBe('submitted');
    const data = claimData(record!);
    expect(data).toMatchObject({ reason: 'resign', exitDate: '2026-10-01', nik: NIK_JAKARTA, kpj: null });
    expect(data?.documents.map((doc) => doc.type)).toEqual([
      'kpj_card',
      'ktp',
      'paklaring',
      'kk',
      'buku_tabungan',
      'selfie',
    ]);
    expect(data?.documents.find((doc) => doc.type === 'ktp')?.mime).toBe('image/jpeg');
    expect(data?.bank).toEqual({ bank: 'BRI', account: '01234567890', holder: 'Siti Aminah' });
    expect(data?.slot).toEqual({
      id: '2026-11-23T09:00+07:00',
      startsAt: '2026-11-23T02:00:00.000Z',
      zone: 'WIB',
    });
    // Every document of the claim is stored; the replaced KTP is gone.
    for (const doc of data?.documents ?? [])
      expect((await documents.read(doc.id)).meta.sha256).toBe(doc.sha256);
    expect(replacedId).toMatch(/^[0-9a-f]{32}$/);
    expect(await documents.meta(replacedId)).toBeUndefined();
    expect(await documents.list()).toHaveLength(6);
  });

  it('files once when the confirmation is sent twice at once', async () => {
    const { engine, records } = setup();
    const c = converse(engine, { channel: 'cli' });
    await accountAndSlot(uploadResignationDocuments(startResignation(c)));
    const address = c.address;
    const confirm = (id: string) => engine.process({ id, address, kind: 'choice', choiceId: 'confirm:yes' });
    const [first, second] = await Promise.all([confirm('a'), confirm('b')]);
    expect(first.replies.some((reply) => 'text' in reply && reply.text.includes('Nomor tiket'))).toBe(true);
    // The second arrives after the form ended: it only opens the menu.
    expect(second.awaiting).toEqual({ dialog: 'menu', step: 'choose' });
    expect(await records.list({ type: 'claim' })).toHaveLength(1);
  });
});

describe('claim: who can claim now', () => {
  it('tells a member who resigned less than a month ago the first date to claim, and files nothing', async () => {
    const { engine, records, documents } = setup();
    await converse(engine, { channel: 'cli' })
      .choose('start:claim')
      .user('resign')
      .user('10 november 2026')
      .expectText('masa tunggu 1 bulan, yaitu mulai *10 Desember 2026*')
      .expectText('Klaim belum kami ajukan')
      .expectChoices(['intent:agent', 'intent:menu'])
      .expectAwaiting(null);
    expect(await records.list()).toHaveLength(0);
    expect(await documents.list()).toHaveLength(0);
  });

  it('refuses a partial claim under 10 years of membership and continues at 10 or more', async () => {
    const { engine } = setup();
    await converse(engine, { channel: 'cli' })
      .choose('start:claim')
      .choose('reason:partial10')
      .expectText('Sudah berapa tahun')
      .expectAwaiting('claim', 'reason')
      .user('sepuluhan')
      .expectText('cukup angkanya')
      .user('8 tahun')
      .expectText('minimal 10 tahun, sedangkan kepesertaan Anda 8 tahun')
      .expectAwaiting(null);
    await converse(engine, { channel: 'cli' })
      .choose('start:claim')
      .choose('reason:partial10')
      .user('12')
      .expectAwaiting('claim', 'nik');
  });

  it('sends reasons LAPAK ASIK does not take online to a branch, with an agent offered', async () => {
    const { engine } = setup();
    await converse(engine, { channel: 'cli' })
      .choose('start:claim')
      .choose('reason:disability')
      .expectText('*Cacat total tetap* belum bisa diajukan online')
      .expectText('kantor cabang')
      .expectChoices(['intent:agent'])
      .expectAwaiting(null);
  });

  it('checks age 56 against the birth date in the NIK', async () => {
    const { engine } = setup();
    await converse(engine, { channel: 'cli' })
      .choose('start:claim')
      .choose('reason:age56')
      .user(NIK_JAKARTA)
      .expectText('usia 56 tahun pada *5 Juni 2046*')
      .expectAwaiting(null);
  });

  it('reprompts specifically and keeps earlier answers', async () => {
    const { engine } = setup();
    await converse(engine, { channel: 'cli' })
      .choose('start:claim')
      .user('1')
      .user('bulan lalu')
      .expectText('tanggal lengkapnya')
      .user('31-02-2026')
      .expectText('tidak ada di kalender')
      .user('1 januari 2027')
      .expectText('belum lewat')
      .user('coba lagi')
      .user('1 september 2026')
      .user('12345')
      .expectText('NIK harus 16 digit')
      .user(NIK_JAKARTA)
      .user('123')
      .expectText('11 angka')
      .user('123-4567-8901')
      .expectAwaiting('claim', 'name')
      .user('kembali')
      .expectAwaiting('claim', 'kpj');
  });
});

describe('claim: the payout account', () => {
  it('explains a holder name that is not the member and accepts the same name with titles and spacing', async () => {
    const { engine } = setup();
    const c = converse(engine, { channel: 'cli' });
    await uploadResignationDocuments(startResignation(c))
      .user('BCA')
      .expectText('nomor rekening BCA')
      .user('12ab')
      .expectText('hanya berisi angka')
      .user('1234567890')
      .expectText('Harus sama dengan *Siti Aminah*')
      .user('Budi Santoso')
      .expectText('Nama pemilik rekening (Budi Santoso) tidak sama dengan nama peserta (Siti Aminah)')
      .expectAwaiting('claim', 'bank')
      .user('Ibu  SITI aminah, S.E.')
      .expectAwaiting('claim', 'slot');
  });

  it('files a death claim by the heir, whose name the account must carry', async () => {
    const { engine, records } = setup();
    await converse(engine, { channel: 'cli' })
      .choose('start:claim')
      .choose('reason:death')
      .expectText('NIK peserta yang meninggal')
      .user(NIK_MAKASSAR)
      .user('lewati')
      .expectText('nama lengkap peserta yang meninggal')
      .user('Ahmad Yusuf')
      .expectText('sebagai ahli waris')
      .expectAwaiting('claim', 'name')
      .user('Nur Aini')
      .expectAwaiting('claim', 'doc_kpj_card')
      .send(upload(files.pdf))
      .expectAwaiting('claim', 'doc_death_certificate')
      .send(upload(files.pdf))
      .expectAwaiting('claim', 'doc_heir_certificate')
      .send(upload(files.pdf))
      .expectAwaiting('claim', 'doc_heir_ktp')
      .send(upload(files.jpeg, 'image/jpeg'))
      .expectAwaiting('claim', 'doc_heir_kk')
      .send(upload(files.pdf))
      .expectAwaiting('claim', 'doc_buku_tabungan')
      .expectText('atas nama ahli waris')
      .send(upload(files.pdf))
      .expectAwaiting('claim', 'doc_npwp')
      .user('skip')
      .send(upload(files.jpeg, 'image/jpeg'))
      .expectAwaiting('claim', 'bank')
      .expectText('atas nama ahli waris')
      .user('bni')
      .user('9876543210')
      .user('Ahmad Yusuf')
      .expectText('tidak sama dengan nama ahli waris (Nur Aini)')
      .user('NUR AINI')
      .expectAwaiting('claim', 'slot')
      // A Makassar NIK: times in WITA (09:00 WIB = 10.00 WITA).
      .expectText('(waktu WITA)')
      .check((replies) => {
        const labels = replies.flatMap((reply) =>
          reply.kind === 'choices' ? reply.choices.map((c) => c.label) : [],
        );
        expect(labels[0]).toBe('Sen, 23 Nov 10.00 WITA (sisa 3)');
      })
      .user('1')
      .expectText('Ahli waris: Nur Aini')
      .expectText('diminta datang ke kantor cabang')
      .user('ya')
      .expectText(/Nomor tiket: \*LA-/);
    const [record] = await records.list({ type: 'claim' });
    expect(claimData(record!)).toMatchObject({ reason: 'death', name: 'Ahmad Yusuf', heirName: 'Nur Aini' });
  });
});

describe('claim: verification slots', () => {
  it('gives the last place of a slot to one of two users confirming at once; the other picks again', async () => {
    const { engine, records } = setup({ capacity: 1 });
    const a = converse(engine, { channel: 'cli', user: 'slot-a' });
    const b = converse(engine, { channel: 'cli', user: 'slot-b' });
    await Promise.all([
      accountAndSlot(uploadResignationDocuments(startResignation(a))),
      accountAndSlot(uploadResignationDocuments(startResignation(b))),
    ]);
    const confirm = (c: Conversation) =>
      engine.process({
        id: `confirm-${c.address.userId}`,
        address: c.address,
        kind: 'choice',
        choiceId: 'confirm:yes',
      });
    const outcomes = await Promise.all([confirm(a), confirm(b)]);
    const texts = outcomes.map((o) => o.replies.map((r) => ('text' in r ? r.text : '')).join('\n'));
    expect(texts.filter((t) => t.includes('Nomor tiket'))).toHaveLength(1);
    const loser = outcomes.find((o) => o.awaiting?.step === 'slot');
    expect(texts.some((t) => t.includes('jadwal itu baru saja penuh'))).toBe(true);
    const offered = loser?.replies.flatMap((r) => (r.kind === 'choices' ? r.choices.map((c) => c.id) : []));
    expect(offered?.[0]).toBe('slot:2026-11-23T09:30+07:00');
    expect(await records.list()).toHaveLength(1);
  });

  it('pages to later slots', async () => {
    const { engine } = setup();
    const c = converse(engine, { channel: 'cli' });
    await uploadResignationDocuments(startResignation(c))
      .user('bri')
      .user('1234567890')
      .user('Siti Aminah')
      .expectChoices(['slot:2026-11-23T09:00+07:00', 'slot:more'])
      .choose('slot:more')
      .expectChoices(['slot:2026-11-23T12:00+07:00'])
      .choose('slot:2026-11-23T12:30+07:00')
      .expectText('Sen, 23 Nov 12.30 WIB');
  });
});

describe('claim: changing an answer', () => {
  it('keeps what still applies when the reason changes and deletes documents no longer needed', async () => {
    const { engine, documents } = setup();
    const c = converse(engine, { channel: 'cli' });
    await startResignation(c)
      .send(upload(files.pdf))
      .send(upload(files.pdf))
      .send(upload(files.pdf))
      .expectAwaiting('claim', 'doc_kk');
    expect((await documents.list()).map((meta) => meta.type).sort()).toEqual([
      'kpj_card',
      'ktp',
      'paklaring',
    ]);
    for (let i = 0; i < 8; i++) c.user('kembali');
    await c
      .expectAwaiting('claim', 'reason')
      .choose('reason:phk')
      .expectAwaiting('claim', 'exit_date')
      .user('1 oktober 2026')
      // NIK, KPJ, name and the documents PHK also needs are kept.
      .expectAwaiting('claim', 'doc_phk_proof');
    expect((await documents.list()).map((meta) => meta.type).sort()).toEqual(['kpj_card', 'ktp']);
  });
});

describe('claim: in English', () => {
  it('speaks English throughout', async () => {
    const { engine } = setup();
    await converse(engine, { channel: 'cli', localeHint: 'en' })
      .choose('start:claim')
      .expectText('Why are you claiming?')
      .user('resign')
      .user('10 November 2026')
      .expectText('1-month waiting period, from *10 December 2026*')
      .expectText('We have not filed a claim');
  });
});

describe('claim: cancelling', () => {
  it('names the documents among the discarded answers', async () => {
    const { engine } = setup();
    const c = converse(engine, { channel: 'cli' });
    await startResignation(c)
      .send(upload(files.pdf))
      .user('batal')
      .expectText('Klaim JHT online dibatalkan')
      .expectText('dokumen yang diunggah');
    expect(existsSync(join(files.dir, 'dokumen.pdf'))).toBe(true);
  });
});
