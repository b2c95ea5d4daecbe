/**
 * Stratified k-fold cross-validation over the content's own examples: each example is interpreted by
 * a model trained without it, as a new phrasing would be.
 */
import type { NluContent, TrainingExample } from './content.js';
import { DEFAULT_NLU, trainNlu, type Interpretation, type NluOptions } from './interpreter.js';

/** One held-out example and how it was read. */
export interface FoldPrediction {
  example: TrainingExample;
  result: Interpretation;
}

/** Splits examples into `k` folds, each label spread evenly (deterministic). */
export function stratifiedFolds(examples: readonly TrainingExample[], k: number): number[] {
  const fold = new Array<number>(examples.length).fill(0);
  const seenPerLabel = new Map<number, number>();
  examples.forEach((example, i) => {
    const n = seenPerLabel.get(example.label) ?? 0;
    seenPerLabel.set(example.label, n + 1);
    // Offset by label so small labels do not all start in fold 0.
    fold[i] = (n + example.label) % k;
  });
  return fold;
}

/** Trains `k` models, each without one fold, and interprets that fold with it (no context). */
export function crossValidate(
  content: NluContent,
  k = 5,
  options: NluOptions = DEFAULT_NLU,
): FoldPrediction[] {
  const folds = stratifiedFolds(content.examples, k);
  const predictions: FoldPrediction[] = [];
  for (let f = 0; f < k; f++) {
    const train = content.examples.filter((_, i) => folds[i] !== f);
    const nlu = trainNlu({ ...content, examples: train }, options);
    content.examples.forEach((example, i) => {
      if (folds[i] === f)
        predictions.push({ example, result: nlu.interpret(example.text, undefined, example.lang) });
    });
  }
  return predictions;
}
