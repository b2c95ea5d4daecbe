/**
 * Property-based fuzzing of every free-text parser: NIK, phone, income, dates, names, place names,
 * the FAQ normaliser and the FAQ search. None may throw on any input, and each result keeps its
 * own contract (a valid NIK has 16 digits, a phone number is idempotent, an income is a whole
 * positive amount within the limit...).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskNik, validateNik } from '../../src/rules/nik.js';
import { maskPhone, normalizePhone } from '../../src/rules/phone.js';
import { MAX_MONTHLY_INCOME, parseIncome } from '../../src/rules/income.js';
import { isIsoDate, parseDate } from '../../src/rules/dates.js';
import { namesMatch, nameTokens } from '../../src/rules/names.js';
import { normalizePlaceText, resolvePlace } from '../../src/content/geo/gazetteer.js';
import { placeDirectory } from '../../src/content/geo/directory.js';
import { normalize } from '../../src/content/nlp/normalize.js';
import { createFaqService } from '../../src/content/faq/service.js';
import { fold } from '../../src/nlu/text.js';
import { maskPersonalNumbers } from '../../src/log/mask.js';
import { anyNow, anyText, digitish, mixed, RUNS } from './arbitraries.js';

describe('fuzz: NIK', () => {
  const nikish = fc.oneof(
    mixed(['NIK', 'nik:', '3175024506900001', '31', '75', '02', '450690', '0001', '0000', '71', '91']),
    fc.stringMatching(/^\d{16}$/),
    fc
      .tuple(fc.constantFrom('31', '32', '73', '91', '94', '99'), fc.stringMatching(/^\d{14}$/))
      .map(([p, r]) => p + r),
  );

  it('never throws, and a valid NIK is 16 digits whose decoded age is 0-100', () => {
    fc.assert(
      fc.property(nikish, anyNow, (text, now) => {
        const result = validateNik(text, now);
        if (result.ok) {
          expect(result.nik).toMatch(/^\d{16}$/);
          expect(result.age).toBeGreaterThanOrEqual(0);
          expect(result.age).toBeLessThanOrEqual(100);
          expect(isIsoDate(result.birthDate)).toBe(true);
          expect(maskNik(result.nik)).not.toContain(result.nik.slice(6, 12));
        } else {
          expect(typeof result.reason).toBe('string');
        }
      }),
      RUNS,
    );
  });
});

describe('fuzz: phone', () => {
  it('never throws, and normalising its own E.164 output gives the same number', () => {
    fc.assert(
      fc.property(mixed(['08', '+62', '62', '0062', '812', '3456', '7890', '(0)', '021', '+1']), (text) => {
        const result = normalizePhone(text);
        if (!result.ok) return;
        expect(result.e164).toMatch(/^\+62\d{8,13}$/);
        const again = normalizePhone(result.e164);
        expect(again).toEqual(result);
        expect(maskPhone(result.e164)).not.toBe(result.e164);
      }),
      RUNS,
    );
  });

  it('masking never throws on any string', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, digitish), (text) => {
        expect(typeof maskPhone(text)).toBe('string');
        expect(typeof maskPersonalNumbers(text)).toBe('string');
      }),
      RUNS,
    );
  });
});

describe('fuzz: income', () => {
  const incomeTokens = [
    'rp',
    'Rp.',
    'IDR',
    '1',
    '2',
    '1.500.000',
    '1,5',
    '500',
    '000',
    'rb',
    'ribu',
    'k',
    'jt',
    'juta',
    'miliar',
    'M',
    'dua',
    'satu',
    'setengah',
    'sejuta',
    'ratus',
    'sekitar',
    'per bulan',
    '-',
    'sampai',
    'nol',
    '∞',
  ];

  it('never throws; an accepted income is a whole number of rupiah, above zero and within the limit', () => {
    fc.assert(
      fc.property(mixed(incomeTokens), (text) => {
        const result = parseIncome(text);
        if (!result.ok) return;
        expect(Number.isInteger(result.amount)).toBe(true);
        expect(result.amount).toBeGreaterThan(0);
        expect(result.amount).toBeLessThanOrEqual(MAX_MONTHLY_INCOME);
      }),
      RUNS,
    );
  });
});

describe('fuzz: dates', () => {
  const dateTokens = [
    '12',
    '03',
    '2024',
    '24',
    '31',
    '29',
    '02',
    'maret',
    'mar',
    'feb',
    'March',
    'kemarin',
    'hari ini',
    '3 hari lalu',
    '2 minggu lalu',
    'bulan lalu',
    '0',
    '99999',
    '-1',
  ];

  it('never throws for any text and any clock; a parsed date is a real ISO date', () => {
    fc.assert(
      fc.property(
        mixed(dateTokens),
        anyNow,
        fc.constantFrom('past', 'nearest') as fc.Arbitrary<'past' | 'nearest'>,
        fc.constantFrom('WIB', 'WITA', 'WIT') as fc.Arbitrary<'WIB' | 'WITA' | 'WIT'>,
        (text, now, complete, zone) => {
          const result = parseDate(text, now, { complete, zone });
          if (result.ok) expect(isIsoDate(result.date)).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

describe('fuzz: names', () => {
  it('tokenising and comparing names never throws, and a name matches itself', () => {
    fc.assert(
      fc.property(
        mixed(['Siti', 'Aminah', 'bin', 'binti', 'H.', 'Dr.', "O'Neil", 'Nur']),
        anyText,
        (a, b) => {
          expect(Array.isArray(nameTokens(a))).toBe(true);
          expect(typeof namesMatch(a, b)).toBe('boolean');
          if (nameTokens(a).length > 0) expect(namesMatch(a, a)).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

describe('fuzz: place names', () => {
  const placeTokens = [
    'jaksel',
    'kab.',
    'bekasi',
    'kota',
    'pare-pare',
    'jakarta',
    'selatan',
    'pontianka',
    'DKI',
    'kec',
  ];

  it('resolvePlace never throws and answers found, ambiguous (1-5 options) or unknown', () => {
    fc.assert(
      fc.property(mixed(placeTokens), (text) => {
        expect(typeof normalizePlaceText(text)).toBe('string');
        const result = resolvePlace(text);
        if (result.status === 'found') expect(result.place.name.length).toBeGreaterThan(0);
        if (result.status === 'ambiguous') {
          expect(result.options.length).toBeGreaterThanOrEqual(1);
          expect(result.options.length).toBeLessThanOrEqual(5);
        }
      }),
      RUNS,
    );
  });

  it('the nearest place to any point on Earth is found without throwing', () => {
    const directory = placeDirectory();
    fc.assert(
      fc.property(
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        (lat, lon) => {
          const nearest = directory.nearest({ lat, lon });
          if (nearest) expect(Number.isFinite(nearest.distanceKm)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('fuzz: FAQ normaliser and search', () => {
  const faq = createFaqService();
  const faqTokens = [
    'jht',
    'cairin',
    'gmn',
    'min',
    'bpu',
    'klaim',
    'phk',
    'kartu',
    'hilang',
    '??',
    'I',
    'was',
    'laid off',
  ];

  it('normalize and fold never throw, and return plain tokens', () => {
    fc.assert(
      fc.property(
        mixed(faqTokens),
        fc.constantFrom(undefined, 'id', 'en') as fc.Arbitrary<'id' | 'en' | undefined>,
        (text, lang) => {
          const tokens = normalize(text, lang);
          for (const token of tokens) expect(typeof token).toBe('string');
          expect(typeof fold(text)).toBe('string');
        },
      ),
      RUNS,
    );
  });

  it('FAQ search answers any question without throwing', () => {
    fc.assert(
      fc.property(
        mixed(faqTokens),
        fc.constantFrom('id', 'en') as fc.Arbitrary<'id' | 'en'>,
        (text, locale) => {
          const result = faq.ask(text, locale);
          expect(['answer', 'clarify', 'fallback']).toContain(result.decision);
          expect(result.candidates.length).toBeLessThanOrEqual(3);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('regressions the fuzzer found', () => {
  it('words that name Object properties ("constructor", "toString") are ordinary words for the FAQ', () => {
    const faq = createFaqService();
    for (const word of [
      'constructor',
      'toString',
      '__proto__',
      'hasOwnProperty',
      'valueOf',
      'juta constructor',
    ]) {
      expect(normalize(word).every((token) => typeof token === 'string')).toBe(true);
      expect(['answer', 'clarify', 'fallback']).toContain(faq.ask(word, 'id').decision);
    }
  });
});
