/**
 * FAQ evaluation: runs question sets through the FAQ service (the language understanding and its
 * answer / clarify / fallback decision, as the bot asks it) and prints top-1 and top-3 accuracy,
 * out-of-scope precision and the misses.
 *
 *   node --import tsx scripts/eval-faq.ts [set.jsonl ...]
 *
 * Without arguments it runs the shared development set (`../shared/eval/faq-dev.jsonl` relative to
 * the project root) and the project's own held-out set (`test/content/faq-heldout.jsonl`).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createFaqService } from '../src/content/faq/service.js';

/** What the evaluation reads of one answer (the FAQ service's result, or the older ranker's). */
export interface SearchResult {
  decision: 'answer' | 'clarify' | 'fallback';
  candidates: { id: string; score: number }[];
  locale: 'id' | 'en';
}

/** Anything that answers a question: the FAQ service, as the bot asks it. */
export interface Searcher {
  search(question: string): SearchResult;
}

/** Project root (this file lives in `scripts/`). */
export const PROJECT_ROOT: string = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The shared development set. */
export const DEV_SET: string = resolve(PROJECT_ROOT, '../shared/eval/faq-dev.jsonl');
/** The project's own held-out set, written before tuning. */
export const HELDOUT_SET: string = resolve(PROJECT_ROOT, 'test/content/faq-heldout.jsonl');

/** One labelled question: `expect` is a topic id, or null when the bot should fall back. */
export interface EvalCase {
  q: string;
  lang?: 'id' | 'en';
  expect: string | null;
}

/** A question the index got wrong, with what it did instead. */
export interface EvalMiss {
  case: EvalCase;
  result: SearchResult;
  /** Which metric it failed: `top1`, `top3`, `oos` or `lang`. */
  kind: 'top1' | 'top3' | 'oos' | 'lang';
}

/** Metrics of one run; rates are in 0..1. */
export interface EvalReport {
  total: number;
  inScope: number;
  outOfScope: number;
  /** candidates[0] is the expected topic and the decision is answer or clarify. */
  top1: number;
  /** the expected topic is among the candidates and the decision is not fallback. */
  top3: number;
  /** share of out-of-scope questions that fell back. */
  oosPrecision: number;
  /** share of in-scope questions answered directly (not clarify). */
  answerRate: number;
  /** share of questions with a `lang` label (default id) whose detected locale matches. */
  langAccuracy: number;
  misses: EvalMiss[];
}

/** Reads a JSONL question set. */
export function readCases(path: string): EvalCase[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as EvalCase);
}

/** Runs `cases` against `index` and computes the metrics. */
export function evaluate(index: Searcher, cases: readonly EvalCase[]): EvalReport {
  let top1 = 0;
  let top3 = 0;
  let oos = 0;
  let answered = 0;
  let langOk = 0;
  const misses: EvalMiss[] = [];
  const inScope = cases.filter((c) => c.expect !== null).length;
  for (const c of cases) {
    const result = index.search(c.q);
    if ((c.lang ?? 'id') === result.locale) langOk++;
    else misses.push({ case: c, result, kind: 'lang' });
    if (c.expect === null) {
      if (result.decision === 'fallback') oos++;
      else misses.push({ case: c, result, kind: 'oos' });
      continue;
    }
    const ids = result.candidates.map((x) => x.id);
    const hit1 = result.decision !== 'fallback' && ids[0] === c.expect;
    const hit3 = result.decision !== 'fallback' && ids.includes(c.expect);
    if (hit1) top1++;
    if (hit3) top3++;
    if (result.decision === 'answer' && hit1) answered++;
    if (!hit1) misses.push({ case: c, result, kind: hit3 ? 'top1' : 'top3' });
  }
  const outOfScope = cases.length - inScope;
  const rate = (n: number, d: number): number => (d === 0 ? 1 : n / d);
  return {
    total: cases.length,
    inScope,
    outOfScope,
    top1: rate(top1, inScope),
    top3: rate(top3, inScope),
    oosPrecision: rate(oos, outOfScope),
    answerRate: rate(answered, inScope),
    langAccuracy: rate(langOk, cases.length),
    misses,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Human-readable report. */
export function formatReport(name: string, r: EvalReport): string {
  const lines = [
    `== ${name}: ${r.total} questions (${r.inScope} in scope, ${r.outOfScope} out of scope)`,
    `top-1 ${pct(r.top1)} (target 90%)  top-3 ${pct(r.top3)} (target 97%)  out-of-scope fallback ${pct(r.oosPrecision)} (target 90%)`,
    `answered directly ${pct(r.answerRate)}  language detected ${pct(r.langAccuracy)}`,
  ];
  for (const m of r.misses) {
    const got = m.result.candidates.map((c) => `${c.id}:${c.score}`).join(', ') || '-';
    lines.push(
      `  [${m.kind}] ${JSON.stringify(m.case.q)} expect=${m.case.expect ?? 'fallback'} got=${m.result.decision} ${got} (${m.result.locale})`,
    );
  }
  return lines.join('\n');
}

function main(argv: readonly string[]): void {
  const faq = createFaqService();
  const index: Searcher = { search: (q) => faq.ask(q) };
  const sets = argv.length > 0 ? argv.map((p) => resolve(p)) : [DEV_SET, HELDOUT_SET];
  for (const path of sets) console.log(formatReport(path, evaluate(index, readCases(path))) + '\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
