import { describe, expect, it } from 'vitest';
import type { FaqTopic } from '../../src/content/faq/schema.js';
import { buildFaqIndex, FaqIndex } from '../../src/content/faq/search.js';

/** A small fixture topic; answers are placeholders (search reads questions, titles, keywords). */
function topic(
  id: string,
  title: [string, string],
  id_: string[],
  en: string[],
  keywords: string[] = [],
): FaqTopic {
  return {
    id,
    category: 'umum',
    title: { id: title[0], en: title[1] },
    questions: { id: id_, en },
    answer: { id: `Jawaban ${id}`, en: `Answer ${id}` },
    keywords,
    related: [],
    source: 'test',
    reviewed: '2026-01-01',
  };
}

const TOPICS: FaqTopic[] = [
  topic(
    'jht-cara-klaim',
    ['Cara klaim JHT', 'How to claim JHT'],
    ['bagaimana cara mencairkan jht', 'klaim jht lewat aplikasi', 'cara ambil jht online'],
    ['how do I claim my JHT', 'withdraw JHT online', 'JHT claim steps'],
    ['pencairan', 'withdraw'],
  ),
  topic(
    'jht-syarat-klaim',
    ['Syarat klaim JHT', 'JHT claim documents'],
    ['syarat klaim jht apa saja', 'dokumen untuk cairin jht', 'berkas pencairan jht karena resign'],
    ['which documents do I need to claim JHT', 'JHT claim requirements', 'papers for a JHT claim'],
    ['syarat', 'dokumen', 'paklaring'],
  ),
  topic(
    'jht-pajak',
    ['Pajak JHT', 'Tax on JHT'],
    ['jht kena pajak tidak', 'berapa potongan pajak jht', 'pajak pencairan jht'],
    ['is JHT taxed', 'how much tax on my JHT payout', 'JHT withholding tax'],
    ['pajak', 'npwp', 'tax'],
  ),
  topic(
    'kartu-hilang',
    ['Kartu peserta hilang', 'Lost membership card'],
    ['kartu bpjs ketenagakerjaan saya hilang', 'lupa nomor kpj', 'cetak ulang kartu peserta'],
    ['I lost my membership card', 'forgot my KPJ number', 'replace my card'],
    ['kartu hilang', 'kartu digital'],
  ),
  topic(
    'kartu-ganda',
    ['Punya dua kartu', 'Two membership cards'],
    ['punya dua kartu bpjs ketenagakerjaan', 'menggabungkan kartu lama dan baru', 'nomor kpj dobel'],
    ['I have two membership cards', 'merge my old and new card', 'duplicate KPJ numbers'],
    ['gabung', 'ganda'],
  ),
  topic(
    'bpjs-kesehatan',
    ['BPJS Kesehatan', 'BPJS Kesehatan (health)'],
    ['cara daftar bpjs kesehatan', 'kartu kis tidak aktif', 'pindah faskes'],
    ['how do I register for health insurance', 'my KIS card is inactive', 'change my health facility'],
    ['bpjs kesehatan', 'jkn', 'kis', 'rumah sakit', 'dokter', 'berobat'],
  ),
];

const index = new FaqIndex(TOPICS);

describe('FaqIndex.search: shapes', () => {
  it('answers a clear question with the best topic first and scores in 0..1', () => {
    const r = index.search('syarat klaim jht apa aja kak');
    expect(r.decision).toBe('answer');
    expect(r.locale).toBe('id');
    expect(r.candidates[0]?.id).toBe('jht-syarat-klaim');
    expect(r.candidates.length).toBeLessThanOrEqual(3);
    for (const c of r.candidates) {
      expect(c.score).toBeGreaterThan(0);
      expect(c.score).toBeLessThanOrEqual(1);
    }
    const scores = r.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('asks to clarify when two topics fit equally', () => {
    const r = index.search('kartu kpj');
    expect(r.decision).toBe('clarify');
    expect(r.candidates.length).toBeGreaterThanOrEqual(2);
    expect(r.candidates.map((c) => c.id)).toEqual(expect.arrayContaining(['kartu-ganda', 'kartu-hilang']));
  });

  it('falls back with no candidates when nothing is relevant', () => {
    for (const q of [
      'cuaca besok di bandung',
      'cara masak rendang',
      'siapa juara liga inggris',
      'asdfgh',
      '',
      '???',
    ]) {
      const r = index.search(q);
      expect(r.decision, q).toBe('fallback');
      expect(r.candidates).toEqual([]);
    }
  });

  it('needs domain evidence: generic words alone are not enough', () => {
    expect(index.search('bagaimana cara saya').decision).toBe('fallback');
    expect(index.search('berapa lama').decision).toBe('fallback');
  });
});

describe('FaqIndex.search: language', () => {
  it('detects an English question and answers it in English', () => {
    const r = index.search('which documents do I need to claim my JHT?');
    expect(r.locale).toBe('en');
    expect(r.candidates[0]?.id).toBe('jht-syarat-klaim');
  });

  it('uses the locale hint only when the words do not tell', () => {
    expect(index.search('JHT pajak?', 'en').locale).toBe('id');
    expect(index.search('JHT', 'en').locale).toBe('en');
    expect(index.search('JHT').locale).toBe('id');
  });

  it('matches across languages through shared concepts', () => {
    expect(index.search('how much tax is taken from my old age savings').candidates[0]?.id).toBe('jht-pajak');
  });
});

describe('FaqIndex.search: domain behaviour', () => {
  it('sends health questions to the bpjs-kesehatan topic', () => {
    for (const q of [
      'kartu kis saya ga aktif',
      'mau berobat ke rumah sakit pakai bpjs kesehatan',
      'how do I see a doctor with my health insurance',
    ]) {
      const r = index.search(q);
      expect(r.decision, q).not.toBe('fallback');
      expect(r.candidates[0]?.id, q).toBe('bpjs-kesehatan');
    }
  });

  it('reads slang, elongation and typos', () => {
    expect(index.search('gmn cr cairin jhtnyaaa').candidates[0]?.id).toBe('jht-cara-klaim');
    expect(index.search('dokumn pencairn jht').candidates[0]?.id).toBe('jht-syarat-klaim');
    expect(index.search('potongn pajakk jht berapa').candidates[0]?.id).toBe('jht-pajak');
  });

  it('builds through the factory and reports its size', () => {
    expect(buildFaqIndex(TOPICS).size).toBe(TOPICS.length);
    expect(new FaqIndex([]).search('jht').decision).toBe('fallback');
  });

  it('explains how a question was read', () => {
    const e = index.explain('kartu saya hilang');
    expect(e.terms.map((t) => t.token)).toEqual(['kartu', 'hilang']);
    expect(e.ranked[0]?.id).toBe('kartu-hilang');
  });
});
