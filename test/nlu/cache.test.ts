/**
 * The on-disk model cache: the first start trains and writes, the next reads the same model, an
 * edit to the content trains again, and a damaged file is replaced rather than trusted.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildContent } from '../../src/nlu/content.js';
import { contentHash, loadNlu } from '../../src/nlu/cache.js';
import { DEFAULT_NLU } from '../../src/nlu/interpreter.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const cacheDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tanya-nlu-cache-'));
  dirs.push(dir);
  return dir;
};

const content = (extra: string[] = []) =>
  buildContent(
    [
      { intent: 'greet', examples: { id: ['halo', 'hai kak', 'selamat pagi', ...extra], en: ['hello'] } },
      { intent: 'thanks', examples: { id: ['makasih', 'terima kasih', 'trims'], en: ['thanks'] } },
    ],
    { id: ['resep rendang', 'skor bola'], en: ['write a poem'] },
    [],
  ).content;

describe('NLU model cache', () => {
  it('trains once, then reads the same model from disk', () => {
    const dir = cacheDir();
    const first = loadNlu(content(), DEFAULT_NLU, dir);
    const files = readdirSync(dir);
    expect(files).toEqual([`${contentHash(content(), DEFAULT_NLU)}.model`]);
    const second = loadNlu(content(), DEFAULT_NLU, dir);
    expect(second.size).toEqual(first.size);
    expect(second.trainingMs).toBe(first.trainingMs); // the stored figure: it did not train again
    for (const text of ['halo kak', 'makasih ya', 'resep soto'])
      expect(second.interpret(text)).toEqual(first.interpret(text));
  });

  it('a change to the content is a new model', () => {
    const dir = cacheDir();
    loadNlu(content(), DEFAULT_NLU, dir);
    loadNlu(content(['pagi min']), DEFAULT_NLU, dir);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('a damaged file is trained again and replaced', () => {
    const dir = cacheDir();
    const good = loadNlu(content(), DEFAULT_NLU, dir);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file as string), Buffer.from([1, 2, 3]));
    const again = loadNlu(content(), DEFAULT_NLU, dir);
    expect(again.interpret('halo kak')).toEqual(good.interpret('halo kak'));
    const reread = loadNlu(content(), DEFAULT_NLU, dir);
    expect(reread.trainingMs).toBe(again.trainingMs);
  });
});
