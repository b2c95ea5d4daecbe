/**
 * How the bot reads people as they type, across the whole conversation (issue: one language
 * understanding for intents, offers, form steps and the FAQ). Every exchange goes through the real
 * engine, the real dialogs and the model trained from the shipped content.
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../helpers/converse.js';
import { createTestEngine } from '../helpers/engine.js';
import { createFormDialog } from '../helpers/fixture-dialogs.js';
import { handoffHarness } from '../handoff/harness.js';

const formEngine = () => createTestEngine({ extraDialogs: [createFormDialog()] }).engine;

describe("understanding: the bot's own offers take a typed yes or no", () => {
  it('"iya boleh" after "Mau mulai daftar sekarang?" starts the registration (id)', async () => {
    await converse(createTestEngine().engine)
      .user('cara daftar bpjs tk buat pekerja mandiri gimana ya')
      .expectText('Mau mulai daftar sekarang?')
      .expectChoices(['start:bpu-registration'])
      .user('iya boleh')
      .expectAwaiting('bpu-registration', 'mode');
  });

  it('"yes please" after the same offer in English starts it too (en)', async () => {
    await converse(createTestEngine().engine)
      .user('how do I sign up as a self-employed member?')
      .expectText('Shall we start now?')
      .user('yes please')
      .expectAwaiting('bpu-registration', 'mode');
  });

  it('a typed no declines the offer politely and starts nothing', async () => {
    const engine = createTestEngine().engine;
    await converse(engine, { user: 'no-offer' })
      .user('cara daftar bpjs tk buat pekerja mandiri gimana ya')
      .expectText('Mau mulai daftar sekarang?')
      .user('nggak usah dulu kak')
      .expectText('Silakan ketik pertanyaan lain')
      .expectNoText('Maaf');
    expect((await engine.session('test:no-offer'))?.stack.map((frame) => frame.dialog)).toEqual(['faq']);
  });
});

describe('understanding: requests to do something start the service', () => {
  it('"aku pengen ikut bpjs tk mandiri" starts the BPU registration (id)', async () => {
    await converse(createTestEngine().engine)
      .user('aku pengen ikut bpjs tk mandiri')
      .expectAwaiting('bpu-registration', 'mode')
      // At the question "for whom?", a description of the option is an answer.
      .user('buat diri sendiri')
      .expectAwaiting('bpu-registration', 'consent');
  });

  it('"I want to register my housemaid" starts SERTAKAN without asking for whom (en)', async () => {
    await converse(createTestEngine().engine)
      .user('english')
      .user('I want to register my housemaid, I will pay her contributions')
      .expectText('SERTAKAN')
      .expectAwaiting('bpu-registration', 'consent');
  });

  it('"yang kedua" picks the second option', async () => {
    await converse(createTestEngine().engine)
      .choose('start:bpu-registration')
      .user('yang kedua')
      .expectText('SERTAKAN')
      .expectAwaiting('bpu-registration', 'consent');
  });
});

describe('understanding: a question typed at a form step is answered, not saved', () => {
  it('at the name step "klo telat bayar iuran gmn ya" is answered, then the name is asked again (id)', async () => {
    const engine = formEngine();
    await converse(engine, { user: 'digress' })
      .choose('start:test-form')
      .user('klo telat bayar iuran gmn ya')
      .expectText('_Sumber:')
      .expectText('Kita lanjutkan')
      .expectText('Siapa nama Anda?')
      .expectAwaiting('test-form', 'name')
      .user('Siti Aminah')
      .expectAwaiting('test-form', 'age');
    expect((await engine.session('test:digress'))?.stack[0]?.state).toMatchObject({ name: 'Siti Aminah' });
  });

  it('in English, a question at the age step keeps the name and asks the age again (en)', async () => {
    const engine = formEngine();
    await converse(engine, { user: 'digress-en' })
      .user('english')
      .choose('start:test-form')
      .user('Budi')
      .user('what happens if I pay the BPU contribution late?')
      .expectText('How old are you?')
      .expectAwaiting('test-form', 'age')
      .user('41')
      .expectAwaiting('test-form', 'colour');
    expect((await engine.session('test:digress-en'))?.stack[0]?.state).toMatchObject({
      name: 'Budi',
      age: 41,
    });
  });

  it('a short answer that shares FAQ words is still an answer ("resign" is no question)', async () => {
    await converse(formEngine())
      .choose('start:test-form')
      .user('resign')
      .expectNoText('Kita lanjutkan')
      .expectAwaiting('test-form', 'age');
  });

  it('a thank-you at the name step is not taken as the name; a number at the age step is the age', async () => {
    const engine = formEngine();
    await converse(engine, { user: 'thanks-in-form' })
      .choose('start:test-form')
      .user('makasih kak')
      .expectText('Sama-sama')
      .expectText('Siapa nama Anda?')
      .expectAwaiting('test-form', 'name')
      .user('Dewi')
      .user('30')
      .expectAwaiting('test-form', 'colour');
    expect((await engine.session('test:thanks-in-form'))?.stack[0]?.state).toMatchObject({
      name: 'Dewi',
      age: 30,
    });
  });

  it('a greeting inside a form is greeted back, and the form question follows', async () => {
    await converse(formEngine())
      .choose('start:test-form')
      .user('Siti')
      .user('assalamualaikum kak')
      .expectText('Halo')
      .expectText('Berapa umur Anda?')
      .expectAwaiting('test-form', 'age');
  });
});

describe('understanding: commands in everyday words', () => {
  it('"pake english aja" and "bahasa indo dong" switch language inside a form', async () => {
    await converse(formEngine())
      .choose('start:test-form')
      .user('pake english aja')
      .expectText('continue in English')
      .expectText('What is your name?')
      .user('bahasa indo dong')
      .expectText('Bahasa Indonesia')
      .expectText('Siapa nama Anda?')
      .expectAwaiting('test-form', 'name');
  });

  it('refusing a language switches to the other one: "my english is not good", "ga ngerti bahasa inggris"', async () => {
    await converse(formEngine())
      .user('english')
      .choose('start:test-form')
      .user('my english is not good')
      .expectText('Bahasa Indonesia')
      .expectText('Siapa nama Anda?')
      .user("sorry, i can't read indonesian")
      .expectText('continue in English')
      .expectText('What is your name?')
      .user('ga ngerti bahasa inggris')
      .expectText('Bahasa Indonesia')
      .expectAwaiting('test-form', 'name');
  });

  it('"bisa ngobrol sama petugas?" queues for an agent (id)', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 'ask-agent' })
      .user('bisa ngobrol sama petugas?')
      .expectText('Posisi Anda');
    expect((await h.engine.session('test:ask-agent'))?.handoff).toMatchObject({ state: 'queued' });
  });

  it('"connect me to a human please" queues for an agent (en)', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 'ask-agent-en' }).user('connect me to a human please');
    expect((await h.engine.session('test:ask-agent-en'))?.handoff).toMatchObject({ state: 'queued' });
  });
});

describe('understanding: when the bot does not understand', () => {
  it('greeting twice gets a greeting twice, never an apology', async () => {
    await converse(createTestEngine().engine)
      .user('halo')
      .expectText('Halo!')
      .expectNoText('Maaf')
      .user('pagi')
      .expectText('Halo!')
      .expectNoText('Maaf')
      .expectAwaiting('menu', 'choose');
  });

  it('blank, emoji-only and punctuation-only messages get a gentle prompt', async () => {
    await converse(createTestEngine().engine)
      .user('...')
      .expectText('pesan Anda kosong')
      .user('🙂')
      .expectText('pesan Anda kosong')
      .expectNoText('belum mengerti');
  });

  it('three misunderstood messages offer topics, the menu and an agent, and never queue by themselves', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 'lost' })
      .user('resep rendang padang dong')
      .expectText('belum mengerti')
      .expectChoices(['intent:menu', 'handoff:request:fallbacks'])
      .user('skor persija semalam berapa')
      .expectText('masih belum mengerti')
      .user('harga cabai hari ini')
      .expectText('masih belum mengerti')
      .expectNoText('Posisi Anda');
    expect((await h.engine.session('test:lost'))?.handoff?.state ?? 'none').toBe('none');
  });

  it('"I still do not get it" after a fallback is help, in English', async () => {
    await converse(createTestEngine().engine)
      .user('english')
      .user('what is the best pizza in town')
      .expectText("didn't understand")
      .user("help, I don't know what to type")
      .expectText('type')
      .expectNoText("didn't understand");
  });
});

describe('understanding: delete my data deletes only on an explicit yes', () => {
  it('"gak jadi deh" keeps everything and the half-filled form goes on (id)', async () => {
    const engine = formEngine();
    await converse(engine, { user: 'keep' })
      .choose('start:test-form')
      .user('Siti')
      .user('tolong hapus semua data saya')
      .expectAwaiting('privacy', 'confirm')
      .user('gak jadi deh')
      .expectText('tidak ada data yang dihapus')
      .expectText('Berapa umur Anda?')
      .expectAwaiting('test-form', 'age');
    expect((await engine.session('test:keep'))?.stack[0]?.state).toMatchObject({ name: 'Siti' });
  });

  it('"never mind" and an unclear answer keep everything too (en)', async () => {
    const engine = formEngine();
    await converse(engine, { user: 'keep-en' })
      .user('english')
      .choose('start:test-form')
      .user('Budi')
      .user('please delete my data')
      .expectAwaiting('privacy', 'confirm')
      .user('never mind')
      .expectText('nothing was deleted')
      .expectAwaiting('test-form', 'age')
      .user('delete my data')
      .user('uhh not sure')
      .expectText('nothing was deleted')
      .expectAwaiting('test-form', 'age');
    expect((await engine.session('test:keep-en'))?.stack[0]?.state).toMatchObject({ name: 'Budi' });
  });

  it('asking again repeats the question; a clear yes deletes', async () => {
    const engine = formEngine();
    await converse(engine, { user: 'erase' })
      .choose('start:test-form')
      .user('Siti')
      .user('hapus data saya')
      .user('hapus data saya')
      .expectAwaiting('privacy', 'confirm')
      .user('iya boleh')
      .expectText('sudah kami hapus');
    expect((await engine.session('test:erase'))?.stack ?? []).toEqual([]);
  });
});
