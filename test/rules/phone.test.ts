import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from '../../src/rules/phone.js';

describe('normalizePhone', () => {
  it.each([
    '081234567890',
    '0812-3456-7890',
    '0812 3456 7890',
    '6281234567890',
    '62 812-3456-7890',
    '+62 812 3456 7890',
    '+62 (0)812-3456-7890',
    '+62-812-3456-7890',
    '0062 812 3456 7890',
    '(0812) 3456 7890',
  ])('normalises %s', (input) => {
    expect(normalizePhone(input)).toEqual({ ok: true, e164: '+6281234567890', national: '081234567890' });
  });

  it('accepts the shortest and longest mobile lengths (10 and 13 digits with the 0)', () => {
    expect(normalizePhone('0812345678')).toEqual({ ok: true, e164: '+62812345678', national: '0812345678' });
    expect(normalizePhone('0813-8007-0175')).toMatchObject({ ok: true, e164: '+6281380070175' });
    expect(normalizePhone('0899 9999 9999').ok).toBe(true);
  });

  it('rejects invalid numbers', () => {
    for (const s of [
      '',
      '   ',
      'abc',
      '0812',
      '08123456789012',
      '0812345',
      'call me 0812345678',
      '1'.repeat(60),
    ]) {
      expect(normalizePhone(s)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('rejects landlines as not mobile', () => {
    expect(normalizePhone('021-3456789')).toEqual({ ok: false, reason: 'not_mobile' });
    expect(normalizePhone('+62 21 3456789')).toEqual({ ok: false, reason: 'not_mobile' });
  });

  it('rejects other countries', () => {
    expect(normalizePhone('+1 415 555 2671')).toEqual({ ok: false, reason: 'not_indonesian' });
    expect(normalizePhone('+60 12-345 6789')).toEqual({ ok: false, reason: 'not_indonesian' });
    expect(normalizePhone('0060123456789')).toEqual({ ok: false, reason: 'not_indonesian' });
  });

  it('is idempotent on its e164 output', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('0', '62', '+62', '+62 ', '62-'),
        fc.constantFrom(
          '811',
          '812',
          '813',
          '821',
          '822',
          '852',
          '855',
          '857',
          '858',
          '877',
          '878',
          '881',
          '895',
          '896',
        ),
        fc.stringMatching(/^[0-9]{5,9}$/),
        (prefix, operator, rest) => {
          const first = normalizePhone(`${prefix}${operator}${rest}`);
          if (!first.ok) return;
          expect(normalizePhone(first.e164)).toEqual(first);
          expect(normalizePhone(first.national)).toEqual(first);
        },
      ),
    );
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        normalizePhone(s);
      }),
    );
  });
});

describe('maskPhone', () => {
  it('keeps +62, the operator prefix and the last four digits', () => {
    expect(maskPhone('+6281234567890')).toBe('+62812****7890');
    expect(maskPhone('+62812345678')).toBe('+62812**5678');
  });

  it('keeps only the last four digits of anything else', () => {
    expect(maskPhone('+14155552671')).toBe('*******2671');
    expect(maskPhone('12')).toBe('**');
  });
});
