/**
 * The interpreter: a model trained from content, read in context. The small-content tests train on
 * examples written here; the context tests use the shipped content, as the bot does.
 */
import { describe, expect, it } from 'vitest';
import { buildContent } from '../../src/nlu/content.js';
import { trainNlu } from '../../src/nlu/interpreter.js';
import { sharedNlu } from '../../src/nlu/index.js';
import { extractEntities } from '../../src/nlu/entities.js';
import type { Examples } from '../../src/nlu/schema.js';

const few = (id: string[], en: string[] = []): Examples => ({ id, en });

describe('a model trained on a little content', () => {
  const { content } = buildContent(
    [
      {
        intent: 'greet',
        examples: few(['halo', 'hai kak', 'selamat pagi', 'pagi min', 'assalamualaikum'], ['hello', 'hi']),
      },
      {
        intent: 'thanks',
        examples: few(['makasih', 'terima kasih', 'makasih kak', 'trims ya'], ['thanks', 'thank you']),
      },
    ],
    few(['resep rendang', 'skor bola semalam', 'harga emas hari ini', 'cuaca besok'], ['write a poem']),
    [],
  );
  const nlu = trainNlu(content);

  it('reads new phrasings of what it was taught', () => {
    expect(nlu.interpret('halo, pagi kak').intent).toBe('greet');
    expect(nlu.interpret('makasih banyak ya kak').intent).toBe('thanks');
    expect(nlu.interpret('resep nasi goreng').intent).toBe('out_of_scope');
  });

  it('gives probabilities: best first, summing to at most one', () => {
    const result = nlu.interpret('terima kasih');
    const scores = result.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.0001);
    expect(result.confidence).toBe(result.candidates[0]?.score);
  });

  it('moves weight to out of scope when the words were never seen', () => {
    const result = nlu.interpret('zxqv blorp');
    expect(result.unknownShare).toBe(1);
    expect(result.intent).toBe('out_of_scope');
  });
});

describe('the shipped content, in context', () => {
  const nlu = sharedNlu();

  it('"ga jadi" declines an offer but cancels a form', () => {
    expect(nlu.interpret('ga jadi deh', { kind: 'offer' }).intent).toBe('deny');
    expect(nlu.interpret('ga jadi deh', { kind: 'form_step' }).intent).toBe('cancel');
  });

  it('at the language picker a bare language name picks it', () => {
    expect(nlu.interpret('indo', { kind: 'language_picker' }).intent).toBe('switch_language_id');
    expect(nlu.interpret('inggris', { kind: 'language_picker' }).intent).toBe('switch_language_en');
  });

  it("reads the issue's examples as a worker means them", () => {
    expect(nlu.interpret('aku pengen ikut bpjs tk mandiri', { kind: 'idle' }).intent).toBe(
      'start_bpu_registration',
    );
    expect(nlu.interpret('iya boleh', { kind: 'offer' }).intent).toBe('affirm');
    expect(nlu.interpret('bisa ngobrol sm petugas?', { kind: 'idle' }).intent).toBe('ask_agent');
    // How to cash out JHT after resigning: a how-to question or a claim request, both about JHT.
    const claim = nlu.interpret('gmn cairin jht sy resign bln kmrn', { kind: 'idle' });
    expect(['faq', 'start_claim']).toContain(claim.intent);
    expect(claim.topics[0]?.topic).toMatch(/^jht-/);
  });

  it('a question about my own case asks for the service; the same subject in general is the FAQ', () => {
    expect(nlu.interpret('sy baru di phk kemarin, dapet jkp ga ya', { kind: 'idle' }).intent).toBe(
      'jkp_check',
    );
    expect(nlu.interpret('uang jht sy kok blm masuk2 ya', { kind: 'idle' }).intent).toBe('claim_status');
    expect(nlu.interpret('syarat dapat jkp apa saja', { kind: 'idle' }).topic).toBe('jkp-syarat');
    expect(nlu.interpret('berapa lama jht cair', { kind: 'idle' }).topic).toBe('jht-pencairan-lama');
  });

  it('a language switch goes to the language asked for, not the one refused', () => {
    const to = (text: string) => nlu.interpret(text, { kind: 'after_fallback' }).intent;
    expect(to('gak ngerti bahasa inggris')).toBe('switch_language_id');
    expect(to('english please')).toBe('switch_language_en');
    expect(to("sorry, i can't read indonesian")).toBe('switch_language_en');
  });

  it('an unsure answer to a yes-or-no question is not a yes', () => {
    for (const text of ['uhh not sure', 'ga yakin', 'entahlah'])
      expect(nlu.interpret(text, { kind: 'form_step', expects: 'yes_no' }).intent).not.toBe('affirm');
  });

  it('marks messages with no words as empty and detects English', () => {
    expect(nlu.interpret('...').empty).toBe(true);
    expect(nlu.interpret('🙏').empty).toBe(true);
    expect(nlu.interpret('how do I check my JHT balance').lang).toBe('en');
    expect(nlu.interpret('cek saldo jht gmn').lang).toBe('id');
  });
});

describe('entities', () => {
  it('finds a NIK, a phone, a ticket, money, a date and a language, each with its text', () => {
    const entities = extractEntities(
      'nik 3171234567890001 hp 0812-3456-7890 tiket LA-20261121-7KQ2XM gaji 2,5 juta lahir 01/02/1990 english',
    );
    expect(entities).toEqual([
      { type: 'nik', text: '3171234567890001', value: '3171234567890001' },
      { type: 'phone', text: '0812-3456-7890', value: '+6281234567890' },
      { type: 'ticket', text: 'LA-20261121-7KQ2XM', value: 'LA-20261121-7KQ2XM' },
      { type: 'money', text: '2,5 juta', value: 2_500_000 },
      { type: 'date', text: '01/02/1990', value: '1990-02-01' },
      { type: 'language', text: 'english', value: 'en' },
    ]);
  });

  it('reads "Rp 1.500.000" and "500rb" as money and a bare number as a number', () => {
    expect(extractEntities('Rp 1.500.000')).toEqual([
      { type: 'money', text: 'Rp 1.500.000', value: 1_500_000 },
    ]);
    expect(extractEntities('500rb')).toEqual([{ type: 'money', text: '500rb', value: 500_000 }]);
    expect(extractEntities('umur 41')).toEqual([{ type: 'number', text: '41', value: 41 }]);
  });
});
