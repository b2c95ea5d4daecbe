/**
 * Training content for the language understanding: one YAML file per intent under
 * `src/content/nlu/intents/`, and `src/content/nlu/out-of-scope.yaml`. FAQ topics bring their own
 * question variants (`src/content/faq/topics/*.yaml`).
 */
import { z } from 'zod';
import { TrainedIntent } from './labels.js';

const example = z.string().trim().min(1).max(400);

/** Indonesian and English example messages. */
export const Examples = z.object({ id: z.array(example), en: z.array(example) }).strict();
/** Indonesian and English example messages. */
export type Examples = z.infer<typeof Examples>;

/** One intent's examples file. */
export const IntentFile = z
  .object({
    /** The intent; the file is named `<intent>.yaml`. */
    intent: TrainedIntent,
    /** What the intent means, for content editors. */
    description: z.string().trim().min(1),
    /** The FAQ topic that answers this request when it is asked as a question ("bisa daftarin ART?"). */
    topic: z.string().optional(),
    examples: Examples,
  })
  .strict();
/** One intent's examples file. */
export type IntentFile = z.infer<typeof IntentFile>;

/** The out-of-scope examples: unrelated subjects and near-misses that share domain words. */
export const OutOfScopeFile = z
  .object({ description: z.string().trim().min(1), examples: Examples })
  .strict();
/** The out-of-scope examples. */
export type OutOfScopeFile = z.infer<typeof OutOfScopeFile>;

/** Minimum numbers of examples the content check enforces. */
export const MINIMUMS = {
  intent: { id: 40, en: 15 },
  faqTopic: { id: 25, en: 10 },
  outOfScope: 150,
} as const;
