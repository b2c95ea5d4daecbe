/**
 * The training content and its check: minimums per label and language, one label per example,
 * every problem naming its file and field.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkNluContent, DEFAULT_NLU_DIR } from '../../src/nlu/content.js';
import { DEFAULT_TOPICS_DIR } from '../../src/content/faq/loader.js';
import { MINIMUMS } from '../../src/nlu/schema.js';
import { TRAINED_INTENTS } from '../../src/nlu/labels.js';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the shipped NLU content that a test may break. */
function copyOfContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tanya-nlu-content-'));
  temporary.push(dir);
  cpSync(DEFAULT_NLU_DIR, dir, { recursive: true });
  return dir;
}

describe('NLU content', () => {
  it('the shipped content passes: every intent, topic and the out-of-scope file meet the minimums', () => {
    const { content, problems } = checkNluContent();
    expect(problems).toEqual([]);
    const intents = content.labels.flatMap((label) => (label.kind === 'intent' ? [label.intent] : []));
    expect(intents).toEqual([...TRAINED_INTENTS]);
    const perLabel = new Map<number, { id: number; en: number }>();
    for (const example of content.examples) {
      const counts = perLabel.get(example.label) ?? { id: 0, en: 0 };
      counts[example.lang] += 1;
      perLabel.set(example.label, counts);
    }
    content.labels.forEach((label, i) => {
      const counts = perLabel.get(i) ?? { id: 0, en: 0 };
      if (label.kind === 'intent') {
        expect(counts.id).toBeGreaterThanOrEqual(MINIMUMS.intent.id);
        expect(counts.en).toBeGreaterThanOrEqual(MINIMUMS.intent.en);
      } else if (label.kind === 'out_of_scope') {
        expect(counts.id + counts.en).toBeGreaterThanOrEqual(MINIMUMS.outOfScope);
      }
    });
  });

  it('refuses an example given for two labels, naming both places', () => {
    const dir = copyOfContent();
    const file = join(dir, 'intents', 'deny.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  id:\n', "  id:\n    - 'Iya!!'\n"));
    const { problems } = checkNluContent(dir, DEFAULT_TOPICS_DIR);
    expect(
      problems.some((p) =>
        /nlu\/intents\/deny\.yaml: examples\.id\[0\]: "Iya!!" is also an example of another label \(nlu\/intents\/affirm\.yaml/.test(
          p,
        ),
      ),
    ).toBe(true);
  });

  it('names a file below its minimum, a missing intent file and a broken YAML line', () => {
    const dir = copyOfContent();
    writeFileSync(
      join(dir, 'intents', 'thanks.yaml'),
      "intent: thanks\ndescription: 'Thanks.'\nexamples:\n  id:\n    - 'makasih'\n  en:\n    - 'thanks'\n",
    );
    rmSync(join(dir, 'intents', 'bye.yaml'));
    writeFileSync(join(dir, 'intents', 'help.yaml'), 'intent: help\nexamples: [unclosed\n');
    const { problems } = checkNluContent(dir, DEFAULT_TOPICS_DIR);
    expect(problems).toContain(
      `nlu/intents/thanks.yaml: examples.id: 1 examples, at least ${MINIMUMS.intent.id} needed`,
    );
    expect(problems).toContain('nlu/intents/bye.yaml: missing (every intent needs its examples file)');
    expect(problems.some((p) => p.startsWith('nlu/intents/help.yaml: YAML syntax error at line '))).toBe(
      true,
    );
  });

  it('rejects an unknown intent name with the field that is wrong', () => {
    const dir = copyOfContent();
    writeFileSync(
      join(dir, 'intents', 'greet.yaml'),
      readFileSync(join(dir, 'intents', 'greet.yaml'), 'utf8').replace('intent: greet', 'intent: greeting'),
    );
    const { problems } = checkNluContent(dir, DEFAULT_TOPICS_DIR);
    expect(problems.some((p) => p.startsWith('nlu/intents/nlu/intents/'))).toBe(false);
    expect(problems.some((p) => /^nlu\/intents\/greet\.yaml: intent: /.test(p))).toBe(true);
  });
});
