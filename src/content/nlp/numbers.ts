/**
 * Number words → digits, so "sepuluh persen", "10 %" and "10%" index alike, and "500 ribu" matches
 * "500rb" (both become `500000`).
 */

/** Single number words (Indonesian and English) and their values. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  nol: 0,
  satu: 1,
  dua: 2,
  tiga: 3,
  empat: 4,
  lima: 5,
  enam: 6,
  tujuh: 7,
  delapan: 8,
  sembilan: 9,
  sepuluh: 10,
  sebelas: 11,
  seratus: 100,
  seribu: 1000,
  sejuta: 1_000_000,
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Words that scale the number before them (`dua puluh`, `lima ratus ribu`, `10 juta`). */
export const SCALE_WORDS: Readonly<Record<string, number>> = {
  belas: 10,
  puluh: 10,
  ratus: 100,
  ribu: 1000,
  juta: 1_000_000,
  miliar: 1_000_000_000,
  hundred: 100,
  thousand: 1000,
  million: 1_000_000,
  billion: 1_000_000_000,
};

const DIGITS = /^\d{1,12}$/;

/**
 * Folds digit tokens followed by scale words into one number: `2 puluh 5` → `25`,
 * `500 ribu` → `500000`, `10 juta` → `10000000`. Tokens are any objects with a `value`;
 * `make` builds the replacement from the first token of the run.
 */
export function composeNumbers<T extends { value: string }>(
  tokens: readonly T[],
  make: (value: string, first: T) => T,
): T[] {
  const out: T[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as T;
    if (!DIGITS.test(first.value)) {
      out.push(first);
      i++;
      continue;
    }
    let total = 0;
    let current = Number(first.value);
    let lastScale = 0;
    let j = i + 1;
    for (; j < tokens.length; j++) {
      const t = (tokens[j] as T).value;
      const scale = Object.hasOwn(SCALE_WORDS, t) ? SCALE_WORDS[t] : undefined;
      if (scale !== undefined) {
        if (t === 'belas') current += 10;
        else if (scale >= 1000) {
          total += current * scale;
          current = 0;
        } else current *= scale;
        lastScale = scale;
        continue;
      }
      // "dua puluh lima": a small number right after puluh/ratus is added to the group.
      if (
        lastScale > 1 &&
        lastScale < 1000 &&
        DIGITS.test(t) &&
        Number(t) < lastScale &&
        Object.hasOwn(SCALE_WORDS, (tokens[j - 1] as T).value)
      ) {
        current += Number(t);
        continue;
      }
      break;
    }
    out.push(j === i + 1 ? first : make(String(total + current), first));
    i = j;
  }
  return out;
}
