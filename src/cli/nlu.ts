/**
 * `tanya nlu`: what the language understanding makes of a message in a given situation, and how it
 * scores on a labelled file.
 *
 * - `tanya nlu --json [--lang id|en]`: one JSON object per stdin line,
 *   `{"text": "...", "context": "idle"}` → `{"intent", "confidence", "topic", "candidates", "lang"}`;
 *   an invalid line prints `{"error": "..."}` and the run goes on.
 * - `tanya nlu score FILE [--json]`: accuracy overall, per intent and per context, and the most
 *   confused pairs, over a JSON Lines file of `{text, intent, lang, context}`.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { sharedNlu, type Interpretation } from '../nlu/index.js';
import { ContextKind, contextOf } from '../nlu/labels.js';
import { LabelledLine, scoreLines, type ScoreReport } from '../nlu/score.js';
import { printJsonLine, UsageError, type Command } from './command.js';

const Lang = z.enum(['id', 'en']);

/** One stdin line of `tanya nlu --json`. */
const Query = z.object({ text: z.string().max(4000), context: ContextKind.default('idle') }).strict();

/** The public JSON shape of one interpretation. */
function publicLine(result: Interpretation) {
  return {
    intent: result.intent,
    confidence: Math.round(result.confidence * 10_000) / 10_000,
    topic: result.topic,
    candidates: result.candidates.map(({ intent, topic, score }) => ({ intent, topic, score })),
    lang: result.lang,
  };
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.join('.') ?? '';
  return path ? `${path}: ${issue?.message}` : (issue?.message ?? 'invalid');
}

async function interactive(lang: 'id' | 'en' | undefined): Promise<void> {
  const nlu = sharedNlu();
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      printJsonLine({ error: 'not valid JSON' });
      continue;
    }
    const query = Query.safeParse(raw);
    if (!query.success) {
      printJsonLine({ error: issueText(query.error) });
      continue;
    }
    printJsonLine(publicLine(nlu.interpret(query.data.text, contextOf(query.data.context), lang)));
  }
}

/** Reads a labelled file; every bad line is reported as `FILE:LINE: field: problem`. */
function readLabelled(file: string): LabelledLine[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read (${(error as Error).message})`);
  }
  const problems: string[] = [];
  const lines: LabelledLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push(`${file}:${i + 1}: not valid JSON`);
      return;
    }
    const parsed = LabelledLine.safeParse(value);
    if (parsed.success) lines.push(parsed.data);
    else problems.push(`${file}:${i + 1}: ${issueText(parsed.error)}`);
  });
  if (problems.length) throw new UsageError(problems.slice(0, 20).join('\n'));
  return lines;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function printReport(report: ScoreReport): void {
  const out: string[] = [];
  out.push(`overall: ${pct(report.overall.accuracy)} (${report.overall.correct}/${report.overall.total})`);
  out.push('by intent:');
  for (const [name, a] of Object.entries(report.byIntent).sort())
    out.push(`  ${name.padEnd(24)} ${pct(a.accuracy).padStart(6)}  ${a.correct}/${a.total}`);
  out.push('by context:');
  for (const [name, a] of Object.entries(report.byContext).sort())
    out.push(`  ${name.padEnd(24)} ${pct(a.accuracy).padStart(6)}  ${a.correct}/${a.total}`);
  out.push(
    `out of scope: precision ${pct(report.outOfScope.precision)}, recall ${pct(report.outOfScope.recall)}`,
  );
  out.push('most confused (expected → predicted):');
  for (const c of report.confused) out.push(`  ${c.expected} → ${c.predicted}  ×${c.count}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/** `tanya nlu`. */
export const nluCommand: Command = {
  usage: [
    'nlu --json [--lang id|en]                interpretation of {"text","context"} lines from stdin',
    'nlu score FILE [--json]                  accuracy on a labelled JSONL file (text, intent, lang, context)',
  ],
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, lang: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const lang = values.lang === undefined ? undefined : Lang.safeParse(values.lang);
    if (lang && !lang.success) throw new UsageError('--lang: expected id or en');
    if (positionals[0] === 'score') {
      if (positionals.length !== 2) throw new UsageError('usage: tanya nlu score FILE [--json]');
      const lines = readLabelled(positionals[1] as string);
      const nlu = sharedNlu();
      const report = scoreLines(lines, (text, context, hint) => nlu.interpret(text, context, hint));
      if (values.json) printJsonLine(report);
      else printReport(report);
      return;
    }
    if (positionals.length) throw new UsageError(`unknown argument: ${positionals[0]}`);
    if (!values.json) throw new UsageError('--json: only --json output is supported');
    await interactive(lang?.data);
  },
};
