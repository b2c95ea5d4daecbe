import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldTokens } from '../../src/content/nlp/fold.js';
import { detectLanguage, isCanonical, normalize } from '../../src/content/nlp/normalize.js';
import { SpellingCorrector } from '../../src/content/nlp/spelling.js';
import { stemEnglish, stemIndonesian } from '../../src/content/nlp/stemmer.js';
import { EN_STOPWORDS, ID_STOPWORDS } from '../../src/content/nlp/stopwords.js';
import { SYNONYM_GROUPS } from '../../src/content/nlp/synonyms.js';

describe('foldTokens', () => {
  it('lowercases, strips diacritics and punctuation', () => {
    expect(foldTokens('Bagaimana CARA klaim?! Café…')).toEqual(['bagaimana', 'cara', 'klaim', 'cafe']);
  });
  it('splits glued numbers and units, folds thousands separators and percent', () => {
    expect(foldTokens('bayar 500rb')).toEqual(['bayar', '500', 'rb']);
    expect(foldTokens('Rp1.500.000')).toEqual(['rp', '1500000']);
    expect(foldTokens('jht 10%')).toEqual(['jht', '10', 'persen']);
  });
  it('collapses reduplication and keeps hyphenated prefixes glued', () => {
    expect(foldTokens('kapan-kapan anak2')).toEqual(['kapan', 'anak']);
    expect(foldTokens('e-wallet')).toEqual(['ewallet']);
  });
  it('expands English contractions', () => {
    expect(foldTokens("I can't log in")).toEqual(['i', 'can', 'not', 'log', 'in']);
  });
});

describe('normalize: slang and fillers', () => {
  it('maps chat abbreviations to standard words and drops fillers', () => {
    expect(normalize('min cara cairin jht gmn?')).toEqual(['cara', 'klaim', 'jht', 'cara']);
    expect(normalize('sy blm bs login jmo kak')).toEqual(['belum', 'login', 'jmo']);
  });
  it('folds every spelling of the agency to one token', () => {
    for (const q of ['bpjstk', 'bpjs tk', 'BPJS-TK', 'bpjs ketenagakerjaan', 'BPJamsostek']) {
      expect(normalize(q, 'id')).toEqual(['bpjstk']);
    }
    expect(normalize('bpjs kesehatan')).toEqual(['bpjskes']);
  });
  it('reads negations and number words', () => {
    expect(normalize('kartu kis saya ga aktif')).toEqual(['kartu', 'bpjskes', 'nonaktif']);
    expect(normalize('sepuluh persen')).toEqual(['10', 'persen']);
    expect(normalize('dua puluh lima ribu')).toEqual(['25000']);
    expect(normalize('500rb')).toEqual(normalize('500 ribu'));
  });
});

describe('normalize: elongation', () => {
  it('collapses letters repeated three or more times', () => {
    expect(normalize('gimanaaa caraaa klaimmm')).toEqual(normalize('gimana cara klaim'));
    expect(normalize('tolooong')).toEqual([]);
  });
  it('keeps real double letters', () => {
    expect(foldTokens('saat maaf')).toEqual(['saat', 'maaf']);
    expect(normalize('kapan jhtttt cair')).toEqual(normalize('kapan jht cair'));
  });
});

describe('stemmer', () => {
  it.each([
    ['pencairan', 'cair'],
    ['menyimpan', 'simpan'],
    ['kepesertaannya', 'peserta'],
    ['menikah', 'nikah'],
    ['pengajuan', 'aju'],
    ['dilaporkan', 'lapor'],
    ['kecelakaan', 'celaka'],
    ['penipuan', 'tipu'],
    ['mengecek', 'cek'],
    ['persyaratan', 'syarat'],
    ['sebulan', 'bulan'],
    ['dimakan', 'makan'],
  ])('stems %s to %s', (word, stem) => {
    expect(stemIndonesian(word)).toBe(stem);
  });
  it.each([
    'peserta',
    'pensiun',
    'berapa',
    'bukan',
    'sertakan',
    'karyawan',
    'masalah',
    'iuran',
    'kapan',
    'jht',
  ])('leaves %s alone', (word) => {
    expect(stemIndonesian(word)).toBe(word);
  });
  it('strips English plurals and verb endings', () => {
    expect(stemEnglish('claims')).toBe('claim');
    expect(stemEnglish('withdrawing')).toBe('withdraw');
    expect(stemEnglish('taxes')).toBe('tax');
    expect(stemEnglish('status')).toBe('status');
  });
  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,16}$/), (w) => {
        expect(stemIndonesian(stemIndonesian(w))).toBe(stemIndonesian(w));
        expect(stemEnglish(stemEnglish(w))).toBe(stemEnglish(w));
      }),
    );
  });
});

describe('normalize: synonyms', () => {
  it('folds withdrawal words to one concept', () => {
    const klaim = [
      'cair',
      'cairin',
      'pencairan',
      'dicairkan',
      'klaim',
      'ambil',
      'tarik',
      'withdraw',
      'withdrawal',
    ];
    for (const w of klaim) expect(normalize(w)).toEqual(['klaim']);
  });
  it('folds dismissal and resignation words', () => {
    for (const w of ['dipecat', 'phk', 'diberhentikan', 'di-PHK'])
      expect(normalize(w, 'id')).toEqual(['phk']);
    expect(normalize('I was laid off', 'en')).toEqual(['phk']);
    for (const w of ['resign', 'berhenti', 'keluar kerja', 'mengundurkan diri', 'keluar dari kerja']) {
      expect(normalize(w, 'id')).toEqual(['resign']);
    }
    expect(normalize('I quit my job', 'en')).toEqual(['resign']);
  });
  it('maps English and Indonesian program names together', () => {
    expect(normalize('jaminan hari tua')).toEqual(['jht']);
    expect(normalize('old age savings', 'en')).toEqual(['jht']);
    expect(normalize('jaminan kehilangan pekerjaan')).toEqual(['jkp']);
    expect(normalize('job loss benefit', 'en')).toEqual(['jkp', 'manfaat']);
  });
  it('does not let an English stem capture an Indonesian word', () => {
    expect(normalize('mobil', 'id')).toEqual(['mobil']);
    expect(normalize('mobile', 'id')).toEqual(['hp']);
  });
  it('keeps every canonical token a fixed point and never a stopword', () => {
    for (const g of SYNONYM_GROUPS) {
      expect(isCanonical(g.canonical)).toBe(true);
      expect(ID_STOPWORDS.has(g.canonical) || EN_STOPWORDS.has(g.canonical)).toBe(false);
      expect(normalize(g.canonical, 'id')).toEqual([g.canonical]);
      expect(normalize(g.canonical, 'en')).toEqual([g.canonical]);
    }
  });
});

describe('detectLanguage', () => {
  it.each([
    ['how do i check my balance', 'en'],
    ["I'm an expat leaving Indonesia, can I withdraw JHT?", 'en'],
    ['min cara cairin jht gmn', 'id'],
    ['kartu peserta saya hilang', 'id'],
  ] as const)('%s → %s', (q, lang) => {
    expect(detectLanguage(q)).toBe(lang);
  });
  it('returns undefined without evidence', () => {
    expect(detectLanguage('JHT 175?')).toBeUndefined();
  });
});

describe('SpellingCorrector', () => {
  const speller = new SpellingCorrector(['kecelakaan', 'pencairan', 'masuk', 'masa', 'mask', 'kandung']);
  it('fixes a typo of a longer word', () => {
    expect(speller.correct('kecelakan')?.to).toBe('kecelakaan');
    expect(speller.correct('pencairn')?.to).toBe('pencairan');
  });
  it('leaves short, known, ambiguous or first-letter-different words alone', () => {
    expect(speller.correct('jht')).toBeUndefined();
    expect(speller.correct('masuk')).toBeUndefined();
    expect(speller.correct('masak')).toBeUndefined(); // masuk / masa / mask
    expect(speller.correct('bandung')).toBeUndefined(); // not "kandung"
  });
});

describe('normalize: properties', () => {
  const anyText = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc
      .array(
        fc.constantFrom(
          'gimanaaa',
          'cairin',
          'jht',
          'bpjs',
          'tk',
          'ga',
          '10%',
          'dua',
          'puluh',
          'kapan-kapan',
          'keluar',
          'dari',
          'kerja',
          'Café',
          'laid',
          'off',
          'tidak',
          'aktif',
          '500rb',
          'e-ktp',
        ),
        {
          maxLength: 10,
        },
      )
      .map((ws) => ws.join(' ')),
  );
  it('never throws and always returns lowercase letter/digit tokens', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        for (const t of normalize(s)) expect(t).toMatch(/^[\p{Ll}\p{Lo}\p{Lm}\p{N}]+$/u);
      }),
      { numRuns: 500 },
    );
  });
  it('is idempotent on its output tokens for a fixed language', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('id' as const, 'en' as const), (s, lang) => {
        const once = normalize(s, lang);
        expect(normalize(once.join(' '), lang)).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });
});
