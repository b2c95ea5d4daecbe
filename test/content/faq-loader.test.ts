import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkFaq, ContentError, loadFaq } from '../../src/content/faq/loader.js';

/** A valid topic file; `patch` edits the object before it is written as YAML (JSON is YAML). */
function topic(id: string, patch: (t: Record<string, unknown>) => void = () => {}): string {
  const t: Record<string, unknown> = {
    id,
    category: 'jht',
    title: { id: `Judul ${id}`, en: `Title ${id}` },
    questions: { id: ['apa itu a', 'apa itu b', 'apa itu c'], en: ['what is a', 'what is b', 'what is c'] },
    answer: { id: `Jawaban ${id}.`, en: `Answer ${id}.` },
    keywords: ['kata'],
    related: [],
    source: 'PP 46/2015',
    reviewed: '2026-01-31',
  };
  patch(t);
  return JSON.stringify(t, null, 2);
}

let dir: string;
const write = (name: string, text: string): void => writeFileSync(join(dir, name), text);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tanya-faq-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('checkFaq', () => {
  it('accepts valid topics and returns them sorted by id', () => {
    write(
      'b-topic.yaml',
      topic('b-topic', (t) => (t.related = ['a-topic'])),
    );
    write('a-topic.yaml', topic('a-topic'));
    const { topics, problems } = checkFaq(dir);
    expect(problems).toEqual([]);
    expect(topics.map((t) => t.id)).toEqual(['a-topic', 'b-topic']);
  });

  it('reports bad YAML with file and line', () => {
    write('broken.yaml', 'id: broken\ntitle: [unclosed\n');
    const { problems } = checkFaq(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^broken\.yaml: YAML syntax error at line \d+, column \d+: /);
  });

  it('names the file and the field path of a missing translation', () => {
    write(
      'jht-pajak.yaml',
      topic('jht-pajak', (t) => (t.answer = { id: 'Pajak 5%.' })),
    );
    expect(checkFaq(dir).problems).toEqual(['jht-pajak.yaml: answer.en: Required']);
  });

  it('collects every problem in a file, with array indexes', () => {
    write(
      'many.yaml',
      topic('many', (t) => {
        t.category = 'nope';
        t.questions = { id: ['satu', ''], en: ['one', 'two', 'three'] };
        t.extra = true;
      }),
    );
    const { problems, topics } = checkFaq(dir);
    expect(topics).toEqual([]);
    expect(problems).toContainEqual(expect.stringMatching(/^many\.yaml: category: Invalid option/));
    expect(problems).toContainEqual(expect.stringMatching(/^many\.yaml: questions\.id\[1\]: /));
    expect(problems).toContainEqual(expect.stringMatching(/^many\.yaml: questions\.id: Too small/));
    expect(problems).toContainEqual(expect.stringMatching(/^many\.yaml: Unrecognized key: "extra"/));
  });

  it('reports a duplicate id and an id that does not match the file name', () => {
    write('a.yaml', topic('a'));
    write('b.yaml', topic('a'));
    const { problems } = checkFaq(dir);
    expect(problems).toContain('b.yaml: id: "a" does not match the file name (expected "b")');
    expect(problems).toContain('b.yaml: id: "a" is already used by a.yaml');
  });

  it('reports dangling and self related ids', () => {
    write(
      'a.yaml',
      topic('a', (t) => (t.related = ['a', 'ghost'])),
    );
    expect(checkFaq(dir).problems).toEqual([
      'a.yaml: related[0]: a topic cannot be related to itself',
      'a.yaml: related[1]: unknown topic "ghost"',
    ]);
  });

  it('flags untranslated text', () => {
    write(
      'a.yaml',
      topic('a', (t) => (t.answer = { id: 'Sama.', en: 'Sama.' })),
    );
    expect(checkFaq(dir).problems).toEqual([
      'a.yaml: answer.en: same text as answer.id (missing translation?)',
    ]);
  });

  it('checks required topics from a TSV', () => {
    write('a.yaml', topic('a'));
    const tsv = join(dir, 'required.tsv');
    writeFileSync(tsv, 'id\twhat\na\tfirst\nb\tsecond\n');
    expect(checkFaq(dir, tsv).problems).toEqual([
      'required.tsv: required topic "b" has no file (expected b.yaml)',
    ]);
  });

  it('reports a missing directory, an empty one and .yml files', () => {
    expect(checkFaq(join(dir, 'nope')).problems[0]).toMatch(/cannot read the topics directory/);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'x.yml'), topic('x'));
    expect(checkFaq(empty).problems).toEqual([
      'x.yml: use the .yaml extension',
      `${empty}: no .yaml topic files found`,
    ]);
  });
});

describe('loadFaq', () => {
  it('throws a ContentError listing every problem', () => {
    write(
      'a.yaml',
      topic('a', (t) => (t.related = ['ghost'])),
    );
    write('b.yaml', 'id: [');
    let error: unknown;
    try {
      loadFaq(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems;
    expect(problems).toHaveLength(2);
    expect((error as ContentError).name).toBe('ContentError');
    expect((error as ContentError).message).toContain('a.yaml: related[0]: unknown topic "ghost"');
  });

  it('loads the real content without problems, covering every required topic', () => {
    // The project's own copy of the topics the brief requires (the test suite never reads ../shared).
    const { problems, topics } = checkFaq(
      undefined,
      join(import.meta.dirname, '../../src/content/faq/required-topics.tsv'),
    );
    expect(problems).toEqual([]);
    expect(topics.length).toBeGreaterThanOrEqual(41);
  });
});
