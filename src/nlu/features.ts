/**
 * Turns a message into the sparse features the classifier reads: words after slang expansion
 * (unigrams and bigrams, with the message's start and end), the domain's canonical tokens
 * (`normalize.ts`: synonyms, stems, multi-word concepts), conversational concepts (`concepts.ts`:
 * "kamsia" and "hatur nuhun" both carry `k:thanks`), character 4-grams of the folded text
 * (typos and glued words still share most of them), emoji, a question mark and the message length.
 * Word-level and character-level features are each scaled to unit length (characters then weigh
 * half), so a long story and a two-word message weigh the same.
 */
import { foldTokens } from '../content/nlp/fold.js';
import { normalize, type Lang } from '../content/nlp/normalize.js';
import { EN_SLANG, ID_SLANG } from '../content/nlp/slang.js';
import { conceptsIn, flagConcepts } from './concepts.js';

/** A message as named features with weights (before they are mapped to ids). */
export type FeatureBag = Map<string, number>;

const EMOJI = /\p{Extended_Pictographic}/gu;
const ELONGATED = /(\p{L})\1{2,}/gu;

/** Folded words with letters repeated three or more times cut to one ("haloooo" → "halo"). */
export function plainTokens(text: string): string[] {
  return foldTokens(text).map((token) => token.replace(ELONGATED, '$1'));
}

/** Plain tokens with chat abbreviations spelt out ("sy" → "saya", "gmn" → "bagaimana"). */
export function expandedTokens(plain: readonly string[]): string[] {
  return plain.flatMap((token) => {
    const expansion = Object.hasOwn(ID_SLANG, token)
      ? ID_SLANG[token]
      : Object.hasOwn(EN_SLANG, token)
        ? EN_SLANG[token]
        : undefined;
    return expansion ? expansion.split(' ') : [token];
  });
}

/** The emoji in a text, each once. */
export function emojiOf(text: string): string[] {
  return [...new Set(text.match(EMOJI) ?? [])];
}

function addScaled(bag: FeatureBag, names: readonly string[], scale: number): void {
  if (!names.length) return;
  const unique = new Set(names);
  const weight = scale / Math.sqrt(unique.size);
  for (const name of unique) bag.set(name, (bag.get(name) ?? 0) + weight);
}

/**
 * Length of the character n-grams. 3- and 4-grams together read new phrasings a little better in
 * cross-validation (FAQ top-1 +0.8 points) but cost a third more training time, over the 2 s budget.
 */
const CHAR_GRAM = 4;

/** Character 4-grams of words joined by spaces, with a space at each end. */
function charGrams(tokens: readonly string[]): string[] {
  const text = ` ${tokens.join(' ')} `;
  const grams: string[] = [];
  for (let i = 0; i + CHAR_GRAM <= text.length; i++) grams.push(`c:${text.slice(i, i + CHAR_GRAM)}`);
  return grams;
}

/**
 * Weight of the character n-grams against the words (each group has unit length first). Spelling
 * variants need them, but at equal weight they outvote the words on short messages; half, chosen by
 * cross-validation (`npm run eval:nlu`), reads new phrasings best.
 */
const CHAR_WEIGHT = 0.5;

function lengthBucket(count: number): string {
  if (count <= 1) return 'len:1';
  if (count <= 3) return 'len:2-3';
  if (count <= 7) return 'len:4-7';
  return 'len:8+';
}

/**
 * The features of one message. `lang` (when known) steers stemming of the canonical tokens.
 *
 * @example featuresOf('gmn cairin jht?').has('u:bagaimana') // true
 */
export function featuresOf(text: string, lang?: Lang): FeatureBag {
  const plain = plainTokens(text);
  const words = expandedTokens(plain);
  const bag: FeatureBag = new Map();
  const wordNames = words.map((w) => `u:${w}`);
  const edges = ['^', ...words, '$'];
  for (let i = 0; i + 1 < edges.length; i++) wordNames.push(`b:${edges[i]}_${edges[i + 1]}`);
  for (const token of normalize(text, lang)) wordNames.push(`n:${token}`);
  for (const match of conceptsIn(plain)) wordNames.push(`k:${match.concept}`);
  for (const concept of flagConcepts(text)) wordNames.push(`k:${concept}`);
  for (const emoji of emojiOf(text)) wordNames.push(`e:${emoji}`);
  if (text.includes('?')) wordNames.push('q:?');
  wordNames.push(lengthBucket(words.length));
  addScaled(bag, wordNames, 1);
  addScaled(bag, charGrams(plain), CHAR_WEIGHT);
  return bag;
}
