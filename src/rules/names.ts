/**
 * Comparing a person's name as typed in two places (the KTP name and a bank account holder), the
 * way a clerk would: case, spacing and punctuation do not matter, nor do forms of address
 * (Bapak, Ibu, Sdr.), religious and academic titles (H., Hj., Dr., S.E., S.Kom., A.Md.…), nor the
 * common abbreviations of Muhammad (M., Muh., Moh., Mohd.). Anything else must be the same words
 * in the same order.
 *
 * @module
 */

const PREFIX_TITLES = new Set([
  'bapak', 'bpk', 'pak', 'ibu', 'bu', 'sdr', 'sdri', 'saudara', 'saudari', 'tuan', 'tn', 'nyonya', 'ny',
  'nona', 'nn', 'mr', 'mrs', 'ms', 'miss', 'h', 'hj', 'haji', 'hajjah', 'dr', 'drs', 'dra', 'ir', 'prof',
  'kh', 'ust', 'ustadz', 'ustad', 'almarhum', 'almarhumah', 'alm', 'almh',
]); // prettier-ignore

const DEGREE =
  /^(s|m|d[1-4]|a|b)(e|h|t|pd|kom|sos|ag|si|ip|ked|kes|farm|psi|hut|ikom|ak|hum|sn|tr|stat|kep|gz|ds|pt|p)?$|^(amd|ama|se|sh|st|mm|mt|mh|msc|ba|bsc|phd|mba|mpd|msi|spd|skom|ssos|sag|ssi|sip|sked|mkes|apt|amkeb|amkep|amd\w+)$/;

const MUHAMMAD = new Set(['m', 'muh', 'moh', 'mohd', 'muhd', 'muhamad', 'muhammad', 'mohammad', 'mohamad', 'mochammad', 'mochamad', 'moch', 'mhd']); // prettier-ignore

/**
 * A name's comparable words: lowercase ASCII, titles and degrees removed, variants of Muhammad
 * unified. Degrees are written after a comma in Indonesian ("Budi Santoso, S.E."), so everything
 * after the first comma is dropped; a trailing degree without a comma is dropped only when written
 * with dots ("Siti Aminah S.Pd."), so a surname that merely looks like one is kept.
 */
export function nameTokens(name: string): string[] {
  const [main = ''] = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(',');
  const words = main
    .split(/\s+/)
    .map((raw) => ({ raw, word: raw.replace(/[^a-z]/g, '') }))
    .filter(({ word }) => word.length > 0);
  while (words.length > 1 && PREFIX_TITLES.has(words[0]?.word ?? '')) words.shift();
  for (let last = words.at(-1); words.length > 1 && last; last = words.at(-1)) {
    if (!last.raw.includes('.') || !DEGREE.test(last.word)) break;
    words.pop();
  }
  return words.map(({ word }) => (MUHAMMAD.has(word) ? 'muhammad' : word));
}

/** Whether two spellings of a name denote the same person (see the module description). */
export function namesMatch(a: string, b: string): boolean {
  const left = nameTokens(a);
  const right = nameTokens(b);
  return left.length > 0 && left.length === right.length && left.every((token, i) => token === right[i]);
}
