/**
 * Conversational concepts and the language a message asks for: the word lists the classifier reads
 * beside the words, and the negation-aware reading of which way a language switch goes.
 */
import { describe, expect, it } from 'vitest';
import { conceptsIn, flagConcepts } from '../../src/nlu/concepts.js';
import { plainTokens } from '../../src/nlu/features.js';
import { languageWanted } from '../../src/nlu/language-wanted.js';
import { buildContent } from '../../src/nlu/content.js';
import { trainNlu } from '../../src/nlu/interpreter.js';
import type { Examples } from '../../src/nlu/schema.js';

const concepts = (text: string) => conceptsIn(plainTokens(text)).map((m) => m.concept);

describe('conversational concepts', () => {
  it('folds regional and chat spellings into one concept', () => {
    expect(concepts('hatur nuhun kang')).toEqual(['thanks']);
    expect(concepts('kamsia')).toEqual(['thanks']);
    expect(concepts('iyaa gasss')).toEqual(['yes', 'yes']);
    expect(concepts('sampurasun')).toEqual(['greet']);
  });

  it('prefers the longest phrase: "not sure" is unsure, "ga jadi" is stop, not a no', () => {
    expect(concepts('not sure')).toEqual(['unsure']);
    expect(concepts('ga jadi')).toEqual(['stop']);
    expect(concepts('ga usah')).toEqual(['no']);
  });

  it('a yes-word right after a no-word is negated, not a yes', () => {
    expect(concepts('ga setuju')).toEqual(['no', 'negated']);
    expect(concepts('tidak mau')).toEqual(['no', 'negated']);
    expect(concepts('setuju, ga masalah')).toContain('yes');
  });

  it('reads language flags', () => {
    expect(flagConcepts('🇬🇧 please')).toEqual(['lang_en']);
    expect(flagConcepts('🇮🇩')).toEqual(['lang_id']);
    expect(flagConcepts('🙏')).toEqual([]);
  });

  it('a word no example uses still carries its concept, and is not read as off topic', () => {
    const few = (id: string[], en: string[] = []): Examples => ({ id, en });
    const { content } = buildContent(
      [
        { intent: 'thanks', examples: few(['makasih', 'terima kasih kak', 'trims ya'], ['thanks']) },
        { intent: 'greet', examples: few(['halo', 'pagi kak', 'hai min'], ['hello']) },
      ],
      few(['resep rendang', 'skor bola', 'harga emas'], ['write a poem']),
      [],
    );
    const nlu = trainNlu(content);
    const reading = nlu.interpret('syukron');
    expect(reading.unknownShare).toBe(0);
    expect(reading.intent).toBe('thanks');
  });
});

describe('the language a message asks for', () => {
  it('follows the language named, and the opposite of one refused', () => {
    expect(languageWanted('pake english aja', 'id')).toBe('en');
    expect(languageWanted('bahasa indo dong', 'id')).toBe('id');
    expect(languageWanted('ga ngerti bahasa inggris', 'id')).toBe('id');
    expect(languageWanted('jangan pake inggris', 'id')).toBe('id');
    expect(languageWanted("i don't understand indonesian", 'en')).toBe('en');
    expect(languageWanted('my english is not good', 'en')).toBe('id');
  });

  it('weighs several names: a request beats a mention, a weakness belongs to the next name', () => {
    expect(languageWanted('td kepencet english, ganti bahasa indonesia lagi dong', 'id')).toBe('id');
    expect(languageWanted('pakai english, saya kurang lancar bahasa indonesia', 'id')).toBe('en');
    expect(languageWanted('not english, indonesian', 'en')).toBe('id');
  });

  it('"bahasa" alone is Indonesian in English and no language in Indonesian', () => {
    expect(languageWanted('answer in bahasa', 'en')).toBe('id');
    expect(languageWanted('ganti bahasa', 'id')).toBeUndefined();
    expect(languageWanted('change language', 'en')).toBeUndefined();
  });
});
