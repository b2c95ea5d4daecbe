/**
 * FAQ retrieval benchmark: index build time and query latency (p50/p99) on the real content and on
 * 10,000 synthetic topics, each beside a same-run baseline (normalising the same text without
 * searching), so the ratio shows what the index itself costs.
 *
 *   node --import tsx bench/faq.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadFaq } from '../src/content/faq/loader.js';
import type { FaqTopic } from '../src/content/faq/schema.js';
import { FaqIndex } from '../src/content/faq/search.js';
import { normalize } from '../src/content/nlp/normalize.js';
import { elapsedMs, percentile, printTable, row, sampleLatencies, seededRandom } from './stats.js';
import type { BenchRow } from './types.js';

const ROOT = resolve(import.meta.dirname, '..');
const QUESTION_SETS = [
  resolve(ROOT, '../shared/eval/faq-dev.jsonl'),
  resolve(ROOT, 'test/content/faq-heldout.jsonl'),
];
const SYNTHETIC_TOPICS = 10_000;

/** Indonesian-looking pseudo-words (2-4 syllables). */
function pseudoWords(count: number, rand: () => number): string[] {
  const syllables = [
    'ka',
    'ri',
    'to',
    'ma',
    'lu',
    'sen',
    'dar',
    'pi',
    'ngo',
    'be',
    'ra',
    'tu',
    'jan',
    'wi',
    'so',
    'gem',
    'la',
    'nu',
  ];
  const words = new Set<string>();
  while (words.size < count) {
    const n = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += syllables[Math.floor(rand() * syllables.length)];
    words.add(w);
  }
  return [...words];
}

/**
 * `count` synthetic topics derived from the real ones: each keeps the shape (question counts,
 * lengths, keyword counts) of a real topic, with about 40% of its words swapped for words from a
 * 20,000-word pseudo vocabulary, so topics overlap as real content does but stay distinct.
 */
export function syntheticTopics(real: readonly FaqTopic[], count: number, seed = 42): FaqTopic[] {
  const rand = seededRandom(seed);
  const vocab = pseudoWords(20_000, rand);
  const mutate = (text: string): string =>
    text
      .split(' ')
      .map((w) => (rand() < 0.4 ? (vocab[Math.floor(rand() * vocab.length)] as string) : w))
      .join(' ');
  return Array.from({ length: count }, (_, i) => {
    const base = real[i % real.length] as FaqTopic;
    return {
      ...base,
      id: `${base.id}-syn-${i}`,
      title: { id: mutate(base.title.id), en: mutate(base.title.en) },
      questions: { id: base.questions.id.map(mutate), en: base.questions.en.map(mutate) },
      answer: { id: mutate(base.answer.id), en: mutate(base.answer.en) },
      keywords: base.keywords.map(mutate),
      related: [],
    };
  });
}

/** Benchmark questions: the dev and held-out sets when present, else the topics' own titles. */
function questions(topics: readonly FaqTopic[]): string[] {
  const qs = QUESTION_SETS.filter(existsSync).flatMap((p) =>
    readFileSync(p, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { q: string }).q),
  );
  return qs.length > 0 ? qs : topics.flatMap((t) => [t.title.id, t.title.en]);
}

/**
 * Time (ms) to build an index, and, after it, the time to only normalise the same texts (warm
 * token memo, so a lower bound of the normalisation share: the ratio errs on the high side).
 */
function buildRows(label: string, topics: readonly FaqTopic[]): { rows: BenchRow[]; index: FaqIndex } {
  let start = process.hrtime.bigint();
  const index = new FaqIndex(topics);
  const build = elapsedMs(start);
  start = process.hrtime.bigint();
  for (const t of topics) {
    for (const q of t.questions.id) normalize(q, 'id');
    for (const q of t.questions.en) normalize(q, 'en');
    for (const k of t.keywords) normalize(k);
    normalize(t.answer.id, 'id');
    normalize(t.answer.en, 'en');
  }
  const normaliseOnly = elapsedMs(start);
  return {
    rows: [row(`index build, ${label}`, build, 'ms', { name: 'normalise texts only', value: normaliseOnly })],
    index,
  };
}

function latencyRows(label: string, index: FaqIndex, qs: readonly string[], rounds: number): BenchRow[] {
  const base = sampleLatencies(qs, rounds, (q) => normalize(q));
  const search = sampleLatencies(qs, rounds, (q) => index.search(q));
  return [
    row(`query p50, ${label}`, percentile(search, 50), 'ms', {
      name: 'normalise only p50',
      value: percentile(base, 50),
    }),
    row(`query p99, ${label}`, percentile(search, 99), 'ms', {
      name: 'normalise only p99',
      value: percentile(base, 99),
    }),
  ];
}

/** Runs the FAQ benchmark: build time and query latency on real and on 10,000 synthetic topics. */
export async function benchFaq(): Promise<BenchRow[]> {
  const real = loadFaq();
  const qs = questions(real);
  const realLabel = `${real.length} real topics`;
  const synLabel = `${SYNTHETIC_TOPICS} synthetic topics`;
  const realBuild = buildRows(realLabel, real);
  const synBuild = buildRows(synLabel, syntheticTopics(real, SYNTHETIC_TOPICS));
  return [
    ...realBuild.rows,
    ...latencyRows(realLabel, realBuild.index, qs, 20),
    ...synBuild.rows,
    ...latencyRows(synLabel, synBuild.index, qs, 10),
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  printTable(await benchFaq());
}
