/**
 * BPU registration as conversations: self and SERTAKAN happy paths, consent, edits from the summary,
 * idempotent confirmation, an already registered NIK, pause/resume, cancel, and masked logs.
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../helpers/converse.js';
import { createTestEngine } from '../helpers/engine.js';
import { fillSelf, NIK, NIK_MAN, PAYER_PHONE, PHONE, PHONE_E164, startSelf } from '../helpers/bpu.js';
import { FileRecordStore } from '../../src/store/file-record-store.js';
import { MemorySessionStore } from '../../src/store/memory-session-store.js';
import type { RecordStore } from '../../src/store/records.js';
import type { SessionStore } from '../../src/store/session-store.js';
import { createLogger } from '../../src/log/logger.js';
import { FakeClock } from '../helpers/clock.js';
import type { Outbound } from '../../src/engine/types.js';
import { RegistrationData } from '../../src/dialogs/bpu/record.js';

const REFERENCE = /BPU-\d{8}-[0-9A-Z]{6}/;
const DIALOG = 'bpu-registration';

function setup(options: { records?: RecordStore; store?: SessionStore; clock?: FakeClock } = {}) {
  const records = options.records ?? FileRecordStore.inMemory();
  const clock = options.clock ?? new FakeClock();
  const store = options.store ?? new MemorySessionStore({}, clock.millis);
  const { engine } = createTestEngine({ services: { records }, store, clock: clock.now });
  return { engine, records, clock };
}

const texts = (replies: Outbound[]) => replies.map((reply) => ('text' in reply ? reply.text : '')).join('\n');
const labels = (replies: Outbound[]) =>
  replies.flatMap((reply) => (reply.kind === 'choices' ? reply.choices.map((choice) => choice.label) : []));

/** A record store that behaves like `inner` except for `create`. */
function withCreate(inner: RecordStore, create: RecordStore['create']): RecordStore {
  return {
    kind: inner.kind,
    create,
    get: (id) => inner.get(id),
    findByUniqueKey: (key) => inner.findByUniqueKey(key),
    list: (query) => inner.list(query),
    setStatus: (...args) => inner.setStatus(...args),
    delete: (id) => inner.delete(id),
    close: () => inner.close(),
  };
}

describe('BPU registration: happy paths', () => {
  it('registers oneself: masked summary, contribution breakdown, reference and payment instructions', async () => {
    const { engine, records } = setup();
    const conversation = converse(engine);
    await fillSelf(startSelf(conversation))
      .expectText('************0001')
      .expectText('+62812****7890')
      .expectNoText(NIK)
      .expectText('Siti Aminah')
      .expectText('1 Januari 1990')
      .expectText('Pedagang')
      .expectText('Kota Jakarta Selatan, DKI Jakarta')
      .expectText('- JKK (1%): Rp20.000')
      .expectText('- JKM: Rp6.800')
      .expectText('- JHT (2%): Rp40.000')
      .expectText('*Total: Rp66.800/bulan*')
      .expectText('perkiraan')
      .expectChoices(['confirm:register', 'confirm:edit', 'intent:cancel'], true)
      .user('1')
      .expectText(REFERENCE)
      .expectText('Kode bayar: NIK peserta (yang berakhiran 0001)')
      .expectText('BNI, BRI, Mandiri, BTN, BCA, BSI')
      .expectText('1, 2, 3, 6, atau 12 bulan')
      .expectText('JMO')
      .expectAwaiting(null);
    const [record, ...others] = await records.list();
    expect(others).toEqual([]);
    expect(record?.id).toMatch(/^BPU-20261121-[0-9A-Z]{6}$/);
    expect(texts(conversation.replies)).toContain(record?.id);
    expect(record?.type).toBe('registration');
    expect(record?.status).toBe('registered');
    const data = RegistrationData.parse(record?.data);
    expect(data).toMatchObject({
      mode: 'self',
      nik: NIK,
      name: 'Siti Aminah',
      birthDate: '1990-01-01',
      sex: 'F',
      phone: PHONE_E164,
      occupation: { code: 'trader', text: null },
      city: { id: '3171', name: 'Kota Jakarta Selatan', province: 'DKI Jakarta' },
      income: 2_000_000,
      declaredIncome: 2_000_000,
      programs: ['JKK', 'JKM', 'JHT'],
      contribution: { JKK: 20_000, JKM: 6_800, JHT: 40_000, total: 66_800, estimate: true },
      consentAt: '2026-11-21T03:00:00.000Z',
    });
    expect(data.payer).toBeUndefined();
  });

  it('registers a worker through SERTAKAN: payer details, relationship, worker-worded questions', async () => {
    const { engine, records } = setup();
    await converse(engine)
      .choose('start:bpu-registration')
      .user('orang lain')
      .expectText('SERTAKAN (Sejahterakan Pekerja Sekitar Anda)')
      .expectAwaiting(DIALOG, 'consent')
      .expectText('nama dan nomor HP Anda sebagai pembayar')
      .expectText('UU PDP')
      .choose('consent:yes')
      .expectAwaiting(DIALOG, 'payer_name')
      .user('Budi Santoso')
      .expectAwaiting(DIALOG, 'payer_phone')
      .user(PAYER_PHONE)
      .expectAwaiting(DIALOG, 'relationship')
      .expectChoices(['rel:employer', 'rel:customer', 'rel:other'])
      .user('langganan')
      .expectAwaiting(DIALOG, 'nik')
      .expectText('NIK pekerja yang didaftarkan')
      .user('3273 0117 0885 0002')
      .expectText('nama lengkap pekerja tersebut')
      .user('Joko')
      .user('17-08-1985')
      .expectAwaiting(DIALOG, 'phone')
      .user(PHONE)
      .expectAwaiting(DIALOG, 'occupation')
      .choose('occ:other')
      .expectAwaiting(DIALOG, 'occupation')
      .expectText('Silakan ketik pekerjaannya')
      .user('tukang parkir')
      .expectAwaiting(DIALOG, 'city')
      .user('Kota Bandung')
      .user('800rb')
      .expectText('Penghasilan Rp800.000 per bulan di bawah batas minimal BPU')
      .expectText('Rp1.000.000')
      .expectAwaiting(DIALOG, 'programs')
      .expectChoices(['prog:basic', 'prog:jht'])
      .check((replies) =>
        expect(labels(replies)).toEqual(['JKK + JKM: Rp16.800/bulan', 'JKK + JKM + JHT: Rp36.800/bulan']),
      )
      .user('1')
      .expectAwaiting(DIALOG, 'confirm')
      .expectText('*Pembayar*')
      .expectText('Budi Santoso')
      .expectText('+62857****2222')
      .expectText('Pelanggan/langganan')
      .expectText('*Peserta*')
      .expectText('************0002')
      .expectText('tukang parkir')
      .expectText('*Total: Rp16.800/bulan*')
      .choose('confirm:register')
      .expectText('Pendaftaran pekerja tersebut sudah kami catat')
      .expectText(REFERENCE);
    const [record] = await records.list();
    expect(RegistrationData.parse(record?.data)).toMatchObject({
      mode: 'sertakan',
      nik: NIK_MAN,
      sex: 'M',
      occupation: { code: 'other', text: 'tukang parkir' },
      city: { id: '3273', name: 'Kota Bandung' },
      income: 800_000,
      declaredIncome: 1_000_000,
      programs: ['JKK', 'JKM'],
      contribution: { JKK: 10_000, JKM: 6_800, total: 16_800 },
      payer: {
        name: 'Budi Santoso',
        phone: '+6285711112222',
        relationship: { code: 'customer', text: null },
      },
    });
  });

  it('speaks English when the session is in English', async () => {
    const { engine } = setup();
    await converse(engine, { localeHint: 'en' })
      .choose('start:bpu-registration')
      .expectText('Who would you like to register?')
      .user('myself')
      .expectText('Personal Data Protection Law')
      .user('yes')
      .expectText('Type your NIK');
  });
});

describe('BPU registration: consent', () => {
  it('"tidak" ends the form without saving anything', async () => {
    const { engine, records } = setup();
    const conversation = converse(engine);
    await conversation
      .choose('start:bpu-registration')
      .user('1')
      .user('tidak')
      .expectText('tidak ada data yang disimpan')
      .expectAwaiting(null)
      .user('halo')
      .expectAwaiting('menu', 'choose');
    expect(await records.list()).toEqual([]);
    const session = await engine.session(`test:${conversation.address.conversationId}`);
    expect(session?.paused).toBeUndefined();
  });

  it('switching between self and SERTAKAN asks for consent again (it names different data)', async () => {
    const { engine } = setup();
    await converse(engine)
      .choose('start:bpu-registration')
      .choose('mode:sertakan')
      .choose('consent:yes')
      .expectAwaiting(DIALOG, 'payer_name')
      .user('kembali')
      .expectAwaiting(DIALOG, 'consent')
      .user('kembali')
      .expectAwaiting(DIALOG, 'mode')
      .choose('mode:self')
      .expectAwaiting(DIALOG, 'consent')
      .expectText('Data yang kami minta: NIK, nama, tanggal lahir')
      .choose('consent:yes')
      .expectAwaiting(DIALOG, 'nik');
  });

  it('"ga setuju" is a refusal and "saya setuju" consents, typed as people type them', async () => {
    const refused = setup();
    await converse(refused.engine)
      .choose('start:bpu-registration')
      .user('saya sendiri')
      .expectAwaiting(DIALOG, 'consent')
      .user('ga setuju')
      .expectText('tidak ada data yang disimpan')
      .expectAwaiting(null);
    expect(await refused.records.list()).toEqual([]);
    const agreed = setup();
    await converse(agreed.engine)
      .choose('start:bpu-registration')
      .user('buat orang lain')
      .expectAwaiting(DIALOG, 'consent')
      .user('saya setuju')
      .expectAwaiting(DIALOG, 'payer_name');
  });

  it('a clear request for another service leaves the form for it and keeps the form for later', async () => {
    const { engine } = setup();
    await converse(engine)
      .choose('start:bpu-registration')
      .user('saya sendiri')
      .choose('consent:yes')
      .expectAwaiting(DIALOG, 'nik')
      .user('tolong cekin status klaim jht saya')
      .expectText('saya simpan dulu')
      .expectAwaiting('claim-status', 'ticket')
      .choose('intent:menu')
      .choose('start:bpu-registration')
      .expectText('belum selesai')
      .choose('resume:continue')
      .expectAwaiting(DIALOG, 'nik');
  });

  it('an unclear consent answer is asked again', async () => {
    const { engine } = setup();
    await converse(engine)
      .choose('start:bpu-registration')
      .user('1')
      .user('pisang goreng')
      .expectText('Mohon jawab *Ya* kalau setuju')
      .expectAwaiting(DIALOG, 'consent');
  });
});

describe('BPU registration: the summary', () => {
  it('changes one field and returns straight to the summary', async () => {
    const { engine, records } = setup();
    await fillSelf(startSelf(converse(engine)))
      .user('ubah data')
      .expectText('Data mana yang mau diubah?')
      .expectChoices(['edit:nik', 'edit:name', 'edit:income', 'edit:programs', 'edit:none'])
      .choose('edit:income')
      .expectAwaiting(DIALOG, 'income')
      .user('3 juta')
      .expectAwaiting(DIALOG, 'confirm')
      .expectText('Rp3.000.000')
      .expectText('*Total: Rp96.800/bulan*')
      .expectText('Siti Aminah')
      .choose('confirm:edit')
      .choose('edit:programs')
      .expectAwaiting(DIALOG, 'programs')
      .choose('prog:basic')
      .expectAwaiting(DIALOG, 'confirm')
      .expectText('*Total: Rp36.800/bulan*')
      .choose('confirm:edit')
      .choose('edit:none')
      .expectAwaiting(DIALOG, 'confirm')
      .expectText('Mohon periksa data')
      .choose('confirm:register')
      .expectText(REFERENCE);
    const [record] = await records.list();
    expect(record?.data).toMatchObject({ income: 3_000_000, contribution: { total: 36_800 } });
  });

  it('changing the NIK to one that disagrees with the birth date asks the birth date again, then returns', async () => {
    const { engine } = setup();
    await fillSelf(startSelf(converse(engine)))
      .choose('confirm:edit')
      .choose('edit:nik')
      .user(NIK_MAN)
      .expectText('Tanggal lahir yang tadi tidak cocok dengan NIK baru ini')
      .expectAwaiting(DIALOG, 'birthdate')
      .user('17 agustus 1985')
      .expectAwaiting(DIALOG, 'confirm')
      .expectText('************0002')
      .expectText('17 Agustus 1985');
  });

  it('"kembali" from a field being changed returns to the summary with nothing lost', async () => {
    const { engine } = setup();
    await fillSelf(startSelf(converse(engine)))
      .choose('confirm:edit')
      .choose('edit:city')
      .expectAwaiting(DIALOG, 'city')
      .user('kembali')
      .expectAwaiting(DIALOG, 'confirm')
      .expectText('Kota Jakarta Selatan');
  });

  it('an unclear answer at the summary is asked again', async () => {
    const { engine } = setup();
    await fillSelf(startSelf(converse(engine)))
      .user('entahlah')
      .expectText('Pilih *Daftarkan* kalau data sudah benar')
      .expectAwaiting(DIALOG, 'confirm');
  });
});

describe('BPU registration: one record per form and per NIK', () => {
  it('confirming twice and a redelivered confirmation make one record', async () => {
    const { engine, records } = setup();
    const conversation = converse(engine);
    await fillSelf(startSelf(conversation)).send(
      { kind: 'choice', choiceId: 'confirm:register' },
      'confirm-1',
    );
    const reference = REFERENCE.exec(texts(conversation.replies))?.[0];
    expect(reference).toBeDefined();
    await conversation
      .send({ kind: 'choice', choiceId: 'confirm:register' }, 'confirm-1')
      .expectSilence()
      .send({ kind: 'choice', choiceId: 'confirm:register' }, 'confirm-2')
      .expectAwaiting('menu', 'choose');
    expect((await records.list()).map((record) => record.id)).toEqual([reference]);
  });

  it('a turn re-run after a session conflict stores the registration once and shows the same reference', async () => {
    const inner = new MemorySessionStore();
    let interfere = false;
    // Another writer saves the session while the confirmation turn runs: the engine re-runs the turn.
    const store: SessionStore = {
      kind: inner.kind,
      begin: (...args) => inner.begin(...args),
      async commit(key, lock, session, expectedRev, messageId) {
        if (interfere) {
          interfere = false;
          const current = (await inner.get(key))!;
          current.session.memory.note = 'written by an agent console';
          await inner.commit(key, 'other-lock', current.session, current.rev);
        }
        return inner.commit(key, lock, session, expectedRev, messageId);
      },
      release: (...args) => inner.release(...args),
      get: (...args) => inner.get(...args),
      delete: (...args) => inner.delete(...args),
      ping: () => inner.ping(),
      close: () => inner.close(),
    };
    const { engine, records } = setup({ store });
    const conversation = converse(engine);
    await fillSelf(startSelf(conversation));
    let creates = 0;
    const counting = withCreate(records, (...args) => {
      creates += 1;
      return records.create(...args);
    });
    const second = setup({ store, records: counting }).engine;
    interfere = true;
    const outcome = await second.process({
      id: 'confirm',
      address: conversation.address,
      kind: 'choice',
      choiceId: 'confirm:register',
    });
    expect(creates).toBe(2);
    const stored = await records.list();
    expect(stored).toHaveLength(1);
    expect(texts(outcome.replies)).toContain(stored[0]?.id);
  });

  it('a NIK someone else registered is told as registered, never with their reference', async () => {
    const records = FileRecordStore.inMemory();
    const first = setup({ records });
    await fillSelf(startSelf(converse(first.engine, { user: 'first' }))).choose('confirm:register');
    const [existing] = await records.list();
    await startSelf(converse(first.engine, { user: 'second' }))
      .user(NIK)
      .expectText('NIK ini sudah terdaftar sebagai peserta BPU')
      .expectText('*cek status* dari chat-nya sendiri')
      .expectNoText(existing?.id ?? 'BPU-')
      .expectNoText('Siti')
      .expectAwaiting(DIALOG, 'nik');
    expect(await records.list()).toHaveLength(1);
  });

  it("SERTAKAN with a stranger's NIK reveals no reference; the registrant still gets theirs", async () => {
    const records = FileRecordStore.inMemory();
    const { engine } = setup({ records });
    await fillSelf(startSelf(converse(engine, { user: 'member-a' }))).choose('confirm:register');
    const [existing] = await records.list();
    const reference = existing?.id ?? 'BPU-';
    await converse(engine, { user: 'stranger-b' })
      .choose('start:bpu-registration')
      .user('orang lain')
      .choose('consent:yes')
      .user('Budi Santoso')
      .user(PAYER_PHONE)
      .user('langganan')
      .expectAwaiting(DIALOG, 'nik')
      .user(NIK)
      .expectText('sudah terdaftar')
      .expectNoText(reference)
      .expectAwaiting(DIALOG, 'nik');
    // The member asks again from their own chat: their own reference.
    await startSelf(converse(engine, { user: 'member-a' }))
      .user(NIK)
      .expectText(`dengan nomor referensi *${reference}*`);
  });

  it("after three lookups of other people's NIKs, says nothing about the next and alerts without the NIK", async () => {
    const records = FileRecordStore.inMemory();
    const alerts: Record<string, string | number>[] = [];
    const { engine } = createTestEngine({
      services: { records, alert: (event, fields) => alerts.push({ event, ...fields }) },
    });
    await fillSelf(startSelf(converse(engine, { user: 'owner' }))).choose('confirm:register');
    const prober = startSelf(converse(engine, { user: 'prober' }));
    for (let i = 0; i < 2; i++) await prober.user(NIK).expectText('sudah terdaftar');
    await prober.user(NIK).expectText('tidak bisa kami periksa').expectNoText('sudah terdaftar');
    expect(alerts).toEqual([
      {
        event: 'registration_lookup_limit',
        channel: 'test',
        conversation: expect.any(String),
        nik: '************0001',
      },
    ]);
    expect(JSON.stringify(alerts)).not.toContain(NIK);
  });

  it('a NIK registered meanwhile by another conversation is told at confirmation, not duplicated', async () => {
    const { engine, records } = setup();
    const late = converse(engine, { user: 'late' });
    await fillSelf(startSelf(late));
    await fillSelf(startSelf(converse(engine, { user: 'early' }))).choose('confirm:register');
    const [existing] = await records.list();
    await late
      .choose('confirm:register')
      .expectText('NIK ini ternyata sudah terdaftar')
      .expectNoText(existing?.id ?? 'BPU-')
      .expectAwaiting(null);
    expect(await records.list()).toHaveLength(1);
  });
});

describe('BPU registration: leaving and coming back', () => {
  it('a greeting mid-form is greeted back and the same question follows, answers kept', async () => {
    const { engine, records } = setup();
    await startSelf(converse(engine))
      .user(NIK)
      .user('Siti Aminah')
      .expectAwaiting(DIALOG, 'birthdate')
      .user('halo')
      .expectText('Halo!')
      .expectAwaiting(DIALOG, 'birthdate')
      .user('01-01-1990')
      .user(PHONE)
      .user('ojol')
      .user('Kab. Sleman')
      .user('1,5 juta')
      .user('2')
      .expectText('Siti Aminah')
      .expectText('Ojek / driver online')
      .expectText('Kabupaten Sleman, DI Yogyakarta')
      .choose('confirm:register');
    expect(await records.list()).toHaveLength(1);
  });

  it('via the menu: the form is paused and offered back 47 hours later', async () => {
    const clock = new FakeClock();
    const { engine } = setup({
      clock,
      store: new MemorySessionStore({ sessionTtlSec: 48 * 3600 }, clock.millis),
    });
    const conversation = converse(engine);
    await startSelf(conversation).user(NIK).user('menu').expectAwaiting('menu', 'choose');
    clock.advance(47 * 3600_000);
    await conversation
      .choose('start:bpu-registration')
      .expectText('Anda masih punya Pendaftaran peserta BPU yang belum selesai')
      .user('lanjut')
      .expectAwaiting(DIALOG, 'name');
  });

  it('after the 48-hour session lifetime the half-filled form is gone', async () => {
    const clock = new FakeClock();
    const { engine } = setup({
      clock,
      store: new MemorySessionStore({ sessionTtlSec: 48 * 3600 }, clock.millis),
    });
    const conversation = converse(engine);
    await startSelf(conversation).user(NIK);
    clock.advance(49 * 3600_000);
    await conversation.choose('start:bpu-registration').expectAwaiting(DIALOG, 'mode');
  });

  it('"batal" discards the form and lists exactly what was discarded', async () => {
    const { engine, records } = setup();
    await startSelf(converse(engine))
      .user(NIK)
      .user('Siti Aminah')
      .user('1 Januari 1990')
      .user('batal')
      .expectText(
        'Pendaftaran peserta BPU dibatalkan. Data yang sudah Anda isi (NIK, Nama, Tanggal lahir) tidak disimpan dan sudah dihapus.',
      )
      .expectAwaiting('menu', 'choose')
      .choose('start:bpu-registration')
      .expectAwaiting(DIALOG, 'mode');
    expect(await records.list()).toEqual([]);
  });

  it('cancelling from the summary discards everything answered', async () => {
    const { engine, records } = setup();
    await fillSelf(startSelf(converse(engine)))
      .choose('intent:cancel')
      .expectText(
        '(NIK, Nama, Tanggal lahir, No. HP, Pekerjaan, Kabupaten/kota, Penghasilan per bulan, Program)',
      );
    expect(await records.list()).toEqual([]);
  });
});

describe('BPU registration: a question in the middle of the form', () => {
  it('"iurannya berapa?" does not become an answer; the same question follows and nothing is lost', async () => {
    const { engine } = setup();
    await startSelf(converse(engine))
      .user(NIK)
      .expectAwaiting(DIALOG, 'name')
      .user('iurannya berapa?')
      .expectAwaiting(DIALOG, 'name')
      .expectText('Siapa nama lengkap Anda, sesuai KTP?')
      .user('Siti Aminah')
      .user('1 Januari 1990')
      .user(PHONE)
      .user('2')
      .user('jaksel')
      .expectAwaiting(DIALOG, 'income')
      .user('iurannya berapa?')
      .expectAwaiting(DIALOG, 'income')
      .expectText('penghasilan Anda per bulan')
      .user('2 juta')
      .user('2')
      .expectText('************0001')
      .expectText('Siti Aminah')
      .expectAwaiting(DIALOG, 'confirm');
  });
});

describe('BPU registration: logs', () => {
  it('no NIK or phone number reaches the log in clear, even when a failure logs the record', async () => {
    const lines: string[] = [];
    const log = createLogger('trace', { write: (line: string) => void lines.push(line) });
    const records = FileRecordStore.inMemory();
    let failed = false;
    // A store failure whose message carries the record (as a driver error might) is logged by the engine.
    const failingOnce = withCreate(records, async (...args) => {
      if (!failed) {
        failed = true;
        throw new Error(`write failed for ${JSON.stringify(args[0].data)}`);
      }
      return records.create(...args);
    });
    const clock = new FakeClock();
    const { engine } = createTestEngine({ services: { records: failingOnce }, log, clock: clock.now });
    await fillSelf(startSelf(converse(engine)))
      .choose('confirm:register')
      .expectText('terjadi kesalahan')
      .choose('confirm:register')
      .expectText(REFERENCE);
    const output = lines.join('');
    expect(output).toContain('turn failed');
    expect(output).toContain('************0001');
    for (const secret of [NIK, '081234567890', '6281234567890', '81234567890', '3456-7890']) {
      expect(output).not.toContain(secret);
    }
    expect(await records.list()).toHaveLength(1);
  });
});
