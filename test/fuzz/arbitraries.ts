/**
 * fast-check generators shared by the fuzz tests: arbitrary text (full Unicode, control characters,
 * very long runs) mixed with near-miss inputs built from the tokens real users type, so properties
 * reach deep into the parsers instead of failing at their first check.
 */
import fc from 'fast-check';
import type { Outbound } from '../../src/engine/types.js';

/** Any string: ASCII, full Unicode with surrogates and combining marks, and control characters. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\u200b', '\ufeff', '\u202e', '\n', '\t', ' ', '\u0301'),
    maxLength: 50,
  }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '%s%n',
    '${x}',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    'NaN',
    '-0',
  ),
);

/** A string built from `tokens` joined by `separators`: near-miss user input. */
export function tokensOf(
  tokens: readonly string[],
  separators: readonly string[] = [' ', '', '.', '-', '/', ','],
) {
  return fc
    .array(fc.tuple(fc.constantFrom(...tokens), fc.constantFrom(...separators)), { maxLength: 12 })
    .map((parts) => parts.map(([token, sep]) => token + sep).join(''));
}

/** Digit strings with separators (NIKs, phone numbers, amounts). */
export const digitish: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'),
      fc.constantFrom(' ', '.', '-', '+', '(', ')', '/'),
    ),
    {
      maxLength: 40,
    },
  )
  .map((chars) => chars.join(''));

/** A realistic or hostile mixture: arbitrary text, token soup, or digits. */
export function mixed(tokens: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    anyText,
    tokensOf(tokens),
    digitish,
    fc.tuple(anyText, tokensOf(tokens)).map(([a, b]) => a + b),
  );
}

/** Any valid instant from 1900 to 2200 (a turn's clock), plus an invalid date. */
export const anyNow: fc.Arbitrary<Date> = fc.oneof(
  fc.date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2200-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  fc.constant(new Date(Number.NaN)),
);

const choiceId = fc.string({ minLength: 1, maxLength: 64 });
const label = fc.string({ minLength: 1, maxLength: 200 });

/** Any outbound the engine could produce, with hostile texts and labels. */
export const anyOutbound: fc.Arbitrary<Outbound> = fc.oneof(
  fc.record({
    kind: fc.constant('text' as const),
    text: fc.oneof(anyText, fc.string({ maxLength: 10_000 })),
  }),
  fc.record({
    kind: fc.constant('choices' as const),
    text: anyText,
    choices: fc.array(fc.record({ id: choiceId, label }), { minLength: 1, maxLength: 30 }),
  }),
  fc.record({ kind: fc.constant('request_location' as const), text: anyText }),
  fc.record({
    kind: fc.constant('request_file' as const),
    text: anyText,
    accept: fc.array(fc.constantFrom('image/jpeg', 'image/png', 'application/pdf', 'x/y', ''), {
      maxLength: 4,
    }),
  }),
  fc.record({
    kind: fc.constant('venue' as const),
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
    lon: fc.double({ min: -180, max: 180, noNaN: true }),
    title: anyText,
    address: anyText,
  }),
);

/** Runs per property: enough to find the usual crashes, small enough for `npm test`. */
export const RUNS = { numRuns: 300 } as const;
