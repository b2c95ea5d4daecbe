/**
 * Language-understanding benchmark: training time, model size and interpretation latency (p50/p99)
 * on the shipped content and with 1,000 synthetic FAQ topics, each beside the older FAQ ranker
 * (`src/content/faq/search.ts`) measured in the same run on the same topics and questions.
 *
 *   node --import tsx bench/nlu.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FaqIndex } from '../src/content/faq/search.js';
import type { FaqTopic } from '../src/content/faq/schema.js';
import { buildContent, loadNluContent, type NluContent } from '../src/nlu/content.js';
import { nluOf, trainModel, type Nlu } from '../src/nlu/interpreter.js';
import { syntheticTopics } from './faq.js';
import { elapsedMs, percentile, printTable, row, sampleLatencies } from './stats.js';
import type { BenchRow } from './types.js';

const ROOT = resolve(import.meta.dirname, '..');
const SYNTHETIC_TOPICS = 1_000;

/** Questions to interpret: the held-out set (and the shared dev set when present), with contexts. */
function questions(): string[] {
  return [resolve(ROOT, 'test/content/faq-heldout.jsonl'), resolve(ROOT, '../shared/eval/faq-dev.jsonl')]
    .filter(existsSync)
    .flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => (JSON.parse(line) as { q: string }).q),
    );
}

/** Heap growth (MB) while `build` runs and its result is kept. */
function heapOf<T>(build: () => T): { value: T; mb: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const value = build();
  gc?.();
  const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  return { value, mb: (after - before) / 1_048_576 };
}

function rowsFor(label: string, content: NluContent, qs: readonly string[], rounds: number): BenchRow[] {
  let start = process.hrtime.bigint();
  const ranker = heapOf(() => new FaqIndex(content.topics));
  const rankerMs = elapsedMs(start);
  start = process.hrtime.bigint();
  const trained = heapOf(() => trainModel(content));
  const trainMs = elapsedMs(start);
  const nlu: Nlu = nluOf(content, trained.value);
  const contexts = [{ kind: 'idle' }, { kind: 'form_step' }, { kind: 'offer' }] as const;
  let i = 0;
  const ours = sampleLatencies(qs, rounds, (q) => nlu.interpret(q, contexts[i++ % contexts.length]));
  const theirs = sampleLatencies(qs, rounds, (q) => ranker.value.search(q));
  return [
    row(`training, ${label}`, trainMs, 'ms', { name: 'older ranker: index build', value: rankerMs }),
    row(`model heap, ${label}`, trained.mb, 'MB', { name: 'older ranker: index heap', value: ranker.mb }),
    row(`interpret p50, ${label}`, percentile(ours, 50), 'ms', {
      name: 'older ranker: search p50',
      value: percentile(theirs, 50),
    }),
    row(`interpret p99, ${label}`, percentile(ours, 99), 'ms', {
      name: 'older ranker: search p99',
      value: percentile(theirs, 99),
    }),
  ];
}

/** Runs the benchmark on the shipped content and with 1,000 synthetic topics. */
export async function benchNlu(): Promise<BenchRow[]> {
  const shipped = loadNluContent();
  const qs = questions();
  const intents = shipped.labels.flatMap((label) => (label.kind === 'intent' ? [label.intent] : []));
  const byLabel = (i: number) => shipped.examples.filter((e) => e.label === i);
  const examplesOf = (i: number) => ({
    id: byLabel(i)
      .filter((e) => e.lang === 'id')
      .map((e) => e.text),
    en: byLabel(i)
      .filter((e) => e.lang === 'en')
      .map((e) => e.text),
  });
  const oos = shipped.labels.findIndex((label) => label.kind === 'out_of_scope');
  const large = buildContent(
    intents.map((intent) => ({
      intent,
      examples: examplesOf(shipped.labels.findIndex((l) => l.kind === 'intent' && l.intent === intent)),
    })),
    examplesOf(oos),
    syntheticTopics(shipped.topics as FaqTopic[], SYNTHETIC_TOPICS),
  ).content;
  return [
    ...rowsFor(`${shipped.topics.length} topics (shipped)`, shipped, qs, 20),
    ...rowsFor(`${SYNTHETIC_TOPICS} synthetic topics`, large, qs, 5),
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  printTable(await benchNlu());
}
