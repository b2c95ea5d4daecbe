/**
 * `npm run eval:nlu`: how well the language understanding reads messages it was not trained on.
 *
 *   node --import tsx scripts/eval-nlu.ts [--folds 5] [--no-baseline] [--json FILE] [--misses]
 *
 * Prints (a) stratified k-fold cross-validation over the content's own examples, (b) the scores on
 * `../shared/eval/faq-dev.jsonl` and `../shared/eval/intents-dev.jsonl` when that folder is there,
 * and (c) the NLP.js baseline, trained on the same examples, beside each figure.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { projectPath } from '../src/paths.js';
import { loadNluContent, labelName, type NluContent, type TrainingExample } from '../src/nlu/content.js';
import { stratifiedFolds } from '../src/nlu/cross-validation.js';
import { createFaqService } from '../src/content/faq/service.js';
import { trainNlu, type Nlu } from '../src/nlu/interpreter.js';
import { contextOf, type IntentLabel } from '../src/nlu/labels.js';
import { LabelledLine, scoreLines } from '../src/nlu/score.js';
import { trainBaseline, type Baseline } from './nlu-baseline.js';

const { values: flags } = parseArgs({
  options: {
    folds: { type: 'string', default: '5' },
    'no-baseline': { type: 'boolean', default: false },
    json: { type: 'string' },
    misses: { type: 'boolean', default: false },
  },
});
const K = Number(flags.folds);
const SHARED = resolve(projectPath(), '../shared/eval');

/** A gold answer: an intent, and the topic when it is an FAQ question. */
interface Gold {
  intent: IntentLabel;
  topic: string | null;
}
/** A system's reading of one message. */
interface Reading {
  intent: IntentLabel;
  /** FAQ topics best first (empty when it fell back). */
  topics: string[];
  fellBack: boolean;
}
interface Case {
  text: string;
  lang: 'id' | 'en';
  context?: ReturnType<typeof contextOf>;
  gold: Gold;
}

function goldOf(content: NluContent, example: TrainingExample): Gold {
  const label = content.labels[example.label];
  if (!label) throw new Error(`no label ${example.label}`);
  if (label.kind === 'faq') return { intent: 'faq', topic: label.topic };
  if (label.kind === 'intent') return { intent: label.intent, topic: null };
  return { intent: 'out_of_scope', topic: null };
}

/** Reads a case as the bot does: the interpretation, and the FAQ service's decision on it. */
function ours(nlu: Nlu, content: NluContent) {
  const faq = createFaqService(content.topics, nlu);
  return async (c: Case): Promise<Reading> => {
    const result = nlu.interpret(c.text, c.context, c.lang);
    const decision = faq.decide(result);
    const intent = result.intent;
    return {
      intent,
      topics: decision.decision === 'fallback' ? [] : decision.candidates.map((t) => t.id),
      fellBack: intent === 'out_of_scope' || (intent === 'faq' && decision.decision === 'fallback'),
    };
  };
}

function theirs(baseline: Baseline, content: NluContent) {
  return async (c: Case): Promise<Reading> => {
    const { label } = await baseline.classify(c.text, c.lang);
    const gold = label >= 0 ? goldOf(content, { text: '', lang: c.lang, label }) : undefined;
    const intent = gold?.intent ?? 'out_of_scope';
    return { intent, topics: gold?.topic ? [gold.topic] : [], fellBack: intent === 'out_of_scope' };
  };
}

/** Metrics over cases read by one system. */
async function measure(cases: readonly Case[], read: (c: Case) => Promise<Reading>) {
  let intentTotal = 0;
  let intentOk = 0;
  let faqTotal = 0;
  let top1 = 0;
  let top3 = 0;
  let inScopeFallback = 0;
  let oosTotal = 0;
  let oosCaught = 0;
  let predictedOos = 0;
  const pairs = new Map<string, number>();
  const misses: string[] = [];
  for (const c of cases) {
    const r = await read(c);
    if (r.fellBack) predictedOos += 1;
    if (c.gold.intent === 'out_of_scope') {
      oosTotal += 1;
      if (r.fellBack) oosCaught += 1;
      else misses.push(`oos   ${c.text} → ${r.intent} ${r.topics[0] ?? ''}`);
      continue;
    }
    if (c.gold.intent === 'faq') {
      faqTotal += 1;
      if (r.fellBack) inScopeFallback += 1;
      // A labelled line without a topic (intents-dev) counts when it is read as an FAQ question.
      if (c.gold.topic === null ? r.intent === 'faq' : r.topics[0] === c.gold.topic) top1 += 1;
      else misses.push(`faq   ${c.text} → ${r.intent} ${r.topics[0] ?? ''} (want ${c.gold.topic})`);
      if (c.gold.topic && r.topics.slice(0, 3).includes(c.gold.topic)) top3 += 1;
      continue;
    }
    intentTotal += 1;
    if (r.intent === c.gold.intent) intentOk += 1;
    else {
      const key = `${c.gold.intent} → ${r.intent}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
      misses.push(`int   [${c.context?.kind ?? '-'}] ${c.text} → ${r.intent} (want ${c.gold.intent})`);
    }
  }
  const rate = (n: number, d: number) => (d ? n / d : NaN);
  return {
    intents: rate(intentOk, intentTotal),
    faqTop1: rate(top1, faqTotal),
    faqTop3: rate(top3, faqTotal),
    oosFallback: rate(oosCaught, oosTotal),
    oosPrecision: rate(oosCaught, predictedOos),
    inScopeFallback: rate(inScopeFallback, faqTotal),
    counts: { intents: intentTotal, faq: faqTotal, oos: oosTotal },
    confused: [...pairs].sort((a, b) => b[1] - a[1]).slice(0, 10),
    misses,
  };
}

type Metrics = Awaited<ReturnType<typeof measure>>;

async function crossValidation(content: NluContent, withBaseline: boolean) {
  const folds = stratifiedFolds(content.examples, K);
  const oursReadings: Case[] = [];
  const readers: ((c: Case) => Promise<Reading>)[] = [];
  const baseReaders: ((c: Case) => Promise<Reading>)[] = [];
  const foldOf: number[] = [];
  let trainingMs = 0;
  for (let f = 0; f < K; f++) {
    const train = content.examples.filter((_, i) => folds[i] !== f);
    const nlu = trainNlu({ ...content, examples: train });
    trainingMs += nlu.trainingMs;
    readers.push(ours(nlu, content));
    if (withBaseline) {
      const baseline = await trainBaseline(train);
      if (baseline) baseReaders.push(theirs(baseline, content));
    }
  }
  content.examples.forEach((example, i) => {
    oursReadings.push({ text: example.text, lang: example.lang, gold: goldOf(content, example) });
    foldOf.push(folds[i] as number);
  });
  const byFold = (list: ((c: Case) => Promise<Reading>)[]) => (c: Case) => {
    const reader = list[foldOf[oursReadings.indexOf(c)] as number];
    if (!reader) throw new Error('missing fold');
    return reader(c);
  };
  const mine = await measure(oursReadings, byFold(readers));
  const base = baseReaders.length === K ? await measure(oursReadings, byFold(baseReaders)) : undefined;
  return { mine, base, trainingMs: trainingMs / K };
}

function devCases(content: NluContent): { faq: Case[]; intents: Case[] } | undefined {
  const faqPath = `${SHARED}/faq-dev.jsonl`;
  const intentsPath = `${SHARED}/intents-dev.jsonl`;
  if (!existsSync(faqPath) || !existsSync(intentsPath)) return undefined;
  const lines = (path: string) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as unknown);
  const topics = new Set(content.topics.map((t) => t.id));
  const faq = lines(faqPath).map((raw): Case => {
    const line = raw as { q: string; lang?: 'id' | 'en'; expect: string | null };
    if (line.expect && !topics.has(line.expect)) throw new Error(`faq-dev: unknown topic ${line.expect}`);
    return {
      text: line.q,
      lang: line.lang ?? 'id',
      context: contextOf('idle'),
      gold: line.expect ? { intent: 'faq', topic: line.expect } : { intent: 'out_of_scope', topic: null },
    };
  });
  const intents = lines(intentsPath).map((raw): Case => {
    const line = LabelledLine.parse(raw);
    return {
      text: line.text,
      lang: line.lang ?? 'id',
      context: contextOf(line.context),
      gold: { intent: line.intent, topic: null },
    };
  });
  return { faq, intents };
}

const pct = (x: number) => (Number.isNaN(x) ? '   —  ' : `${(100 * x).toFixed(1).padStart(5)}%`);

function table(
  title: string,
  mine: Metrics,
  base: Metrics | undefined,
  rows: [string, keyof Metrics, string][],
) {
  console.log(`\n${title}`);
  console.log(`  ${'figure'.padEnd(34)} ${'tanya'.padStart(7)} ${'nlp.js'.padStart(7)}  target`);
  for (const [name, key, target] of rows) {
    const a = mine[key] as number;
    const b = base ? (base[key] as number) : NaN;
    console.log(`  ${name.padEnd(34)} ${pct(a).padStart(7)} ${pct(b).padStart(7)}  ${target}`);
  }
}

const ROWS: [string, keyof Metrics, string][] = [
  ['intents top-1', 'intents', '≥ 97%'],
  ['FAQ top-1', 'faqTop1', '≥ 95%'],
  ['FAQ top-3', 'faqTop3', '≥ 99%'],
  ['out-of-scope falls back', 'oosFallback', '≥ 95%'],
  ['out-of-scope precision', 'oosPrecision', ''],
  ['in-scope FAQ falls back', 'inScopeFallback', '< 3%'],
];

const content = loadNluContent();
const withBaseline = !flags['no-baseline'];
console.log(
  `content: ${content.examples.length} examples, ${content.labels.length} classes (${content.topics.length} FAQ topics)`,
);
const started = performance.now();
const cv = await crossValidation(content, withBaseline);
console.log(
  `cross-validation: ${K} folds in ${((performance.now() - started) / 1000).toFixed(1)} s; training ${cv.trainingMs.toFixed(0)} ms per model`,
);
table(`(a) ${K}-fold cross-validation over the content (no context)`, cv.mine, cv.base, ROWS);
console.log(
  '  most confused intent pairs:',
  cv.mine.confused.map(([k, n]) => `${k} ×${n}`).join('; ') || 'none',
);
const report: Record<string, unknown> = { crossValidation: cv };
const dev = devCases(content);
if (dev) {
  const full = trainNlu(content);
  const baseline = withBaseline ? await trainBaseline(content.examples) : undefined;
  const read = ours(full, content);
  const faqMine = await measure(dev.faq, read);
  const faqBase = baseline ? await measure(dev.faq, theirs(baseline, content)) : undefined;
  table(`(b) ${SHARED}/faq-dev.jsonl (${dev.faq.length} lines)`, faqMine, faqBase, ROWS.slice(1));
  const intentsMine = await measure(dev.intents, read);
  const intentsBase = baseline ? await measure(dev.intents, theirs(baseline, content)) : undefined;
  table(
    `(b) ${SHARED}/intents-dev.jsonl (${dev.intents.length} lines, each in its context)`,
    intentsMine,
    intentsBase,
    [
      ['intents top-1 (non-FAQ lines)', 'intents', '≥ 97%'],
      ['FAQ lines read as faq', 'faqTop1', ''],
      ['out-of-scope falls back', 'oosFallback', '≥ 95%'],
    ],
  );
  const scored = scoreLines(
    dev.intents.map((c) => ({
      text: c.text,
      intent: c.gold.intent,
      lang: c.lang,
      context: c.context?.kind ?? 'idle',
    })),
    (text, context, lang) => full.interpret(text, context, lang),
  );
  console.log(
    `  all lines, intent label: ${pct(scored.overall.accuracy)}; by context: ${Object.entries(
      scored.byContext,
    )
      .map(([k, v]) => `${k} ${pct(v.accuracy).trim()}`)
      .join(', ')}`,
  );
  console.log(
    '  most confused:',
    scored.confused.map((c) => `${c.expected} → ${c.predicted} ×${c.count}`).join('; ') || 'none',
  );
  report.faqDev = { mine: faqMine, base: faqBase };
  report.intentsDev = { mine: intentsMine, base: intentsBase, scored };
  if (flags.misses) {
    console.log('\nmisses (dev):');
    for (const m of [...faqMine.misses, ...intentsMine.misses]) console.log(`  ${m}`);
  }
} else {
  console.log(`\n(b) skipped: ${SHARED} not found`);
}
if (flags.misses) {
  console.log('\nmisses (cross-validation):');
  for (const m of cv.mine.misses) console.log(`  ${m}`);
}
if (flags.json) writeFileSync(flags.json, JSON.stringify(report, null, 2));
void labelName;
