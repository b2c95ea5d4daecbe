/**
 * Scoring labelled messages against the interpretation: accuracy overall, per intent and per
 * context, and the most confused pairs. Used by `tanya nlu score` and `npm run eval:nlu`.
 */
import { z } from 'zod';
import { ContextKind, IntentLabel, contextOf } from './labels.js';
import type { Interpretation } from './interpreter.js';
import type { NluContext } from './labels.js';

/** One labelled line, as in `../shared/eval/intents-dev.jsonl`. */
export const LabelledLine = z.object({
  text: z.string(),
  intent: IntentLabel,
  lang: z.enum(['id', 'en']).optional(),
  context: ContextKind.default('idle'),
  /** The FAQ topic, when the intent is faq and the file names it. */
  topic: z.string().optional(),
});
/** One labelled line. */
export type LabelledLine = z.infer<typeof LabelledLine>;

/** Accuracy of one group. */
export interface Accuracy {
  total: number;
  correct: number;
  accuracy: number;
}

/** The report `tanya nlu score` prints. */
export interface ScoreReport {
  overall: Accuracy;
  byIntent: Record<string, Accuracy>;
  byContext: Record<string, Accuracy>;
  /** Most frequent (expected → predicted) mistakes. */
  confused: { expected: string; predicted: string; count: number }[];
  /** Out-of-scope detection: precision and recall of predicting out_of_scope. */
  outOfScope: { precision: number; recall: number };
  misses: { text: string; context: string; expected: string; predicted: string; confidence: number }[];
}

function tally(map: Record<string, Accuracy>, key: string, ok: boolean): void {
  const entry = (map[key] ??= { total: 0, correct: 0, accuracy: 0 });
  entry.total += 1;
  if (ok) entry.correct += 1;
  entry.accuracy = entry.correct / entry.total;
}

/** Scores `lines` with `interpret` (the same interpretation the bot uses in each context). */
export function scoreLines(
  lines: readonly LabelledLine[],
  interpret: (text: string, context: NluContext, lang?: 'id' | 'en') => Interpretation,
): ScoreReport {
  const overall: Record<string, Accuracy> = {};
  const byIntent: Record<string, Accuracy> = {};
  const byContext: Record<string, Accuracy> = {};
  const pairs = new Map<string, number>();
  const misses: ScoreReport['misses'] = [];
  let predictedOos = 0;
  let trueOos = 0;
  let goldOos = 0;
  for (const line of lines) {
    const result = interpret(line.text, contextOf(line.context), line.lang);
    const ok = result.intent === line.intent && (!line.topic || result.topic === line.topic);
    tally(overall, 'all', ok);
    tally(byIntent, line.intent, ok);
    tally(byContext, line.context, ok);
    if (result.intent === 'out_of_scope') predictedOos += 1;
    if (line.intent === 'out_of_scope') goldOos += 1;
    if (result.intent === 'out_of_scope' && line.intent === 'out_of_scope') trueOos += 1;
    if (!ok) {
      const key = `${line.intent}\u0000${result.intent}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
      misses.push({
        text: line.text,
        context: line.context,
        expected: line.topic ? `faq:${line.topic}` : line.intent,
        predicted: result.topic ? `faq:${result.topic}` : result.intent,
        confidence: result.confidence,
      });
    }
  }
  const confused = [...pairs]
    .map(([key, count]) => {
      const [expected = '', predicted = ''] = key.split('\u0000');
      return { expected, predicted, count };
    })
    .sort((a, b) => b.count - a.count)
    .slice(0, 10);
  return {
    overall: overall.all ?? { total: 0, correct: 0, accuracy: 0 },
    byIntent,
    byContext,
    confused,
    outOfScope: {
      precision: predictedOos ? trueOos / predictedOos : 1,
      recall: goldOos ? trueOos / goldOos : 1,
    },
    misses,
  };
}
