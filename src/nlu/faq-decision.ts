/**
 * From an interpretation to what the FAQ does with a question: answer the best topic, ask which of
 * a few close topics was meant, or say it is not covered. Thresholds were set by cross-validation
 * over the content (`npm run eval:nlu`), not per question.
 */
import type { Interpretation } from './interpreter.js';
import { SERVICE_INTENTS as SERVICE_LIST } from './labels.js';

/** What the bot should do with a question. */
export type FaqDecision = 'answer' | 'clarify' | 'fallback';

/** Decision thresholds. */
export interface FaqThresholds {
  /** Below this FAQ probability (all topics together), the question is not an FAQ question. */
  minFaq: number;
  /** The best topic's share of the FAQ probability needed to answer directly. */
  answerShare: number;
  /** Topics within this share of the best are offered when clarifying. */
  clarifySpread: number;
  /** Smallest share a topic needs to be offered at all. */
  minTopicShare: number;
}

/** Defaults chosen by cross-validation. */
export const DEFAULT_FAQ_THRESHOLDS: Readonly<FaqThresholds> = {
  minFaq: 0.3,
  answerShare: 0.6,
  clarifySpread: 0.35,
  minTopicShare: 0.12,
};

/** The decision and the topics it names (best first, at most 3; empty on fallback). */
export interface FaqOutcome {
  decision: FaqDecision;
  topics: { topic: string; score: number }[];
}

/** Service requests whose nearest FAQ topic is still worth answering when the FAQ is asked directly. */
const SERVICE_INTENTS: ReadonlySet<string> = new Set(SERVICE_LIST);

/**
 * Decides what the FAQ does with an interpretation. Out of scope falls back; so does small talk
 * ("halo") with little FAQ weight. A request to start a service ("mau daftarin ART saya") still has
 * a nearest topic, which the FAQ answers when it is asked directly (`tanya faq`).
 */
export function decideFaq(
  interpretation: Interpretation,
  thresholds: FaqThresholds = DEFAULT_FAQ_THRESHOLDS,
): FaqOutcome {
  const faqProbability = interpretation.faqProbability;
  const [best] = interpretation.topics;
  const inScope =
    interpretation.intent === 'faq' ||
    SERVICE_INTENTS.has(interpretation.intent) ||
    faqProbability >= thresholds.minFaq;
  if (!best || interpretation.intent === 'out_of_scope' || !inScope)
    return { decision: 'fallback', topics: [] };
  const score = (share: number) => Math.round(share * 10_000) / 10_000;
  const top = interpretation.topics.slice(0, 3);
  if (best.score >= thresholds.answerShare)
    return { decision: 'answer', topics: top.map((t) => ({ topic: t.topic, score: score(t.score) })) };
  const close = top.filter(
    (t) => t.score >= thresholds.minTopicShare && best.score - t.score <= thresholds.clarifySpread,
  );
  // Nothing stands out at all: not a question the FAQ can place.
  if (!close.length) return { decision: 'fallback', topics: [] };
  // Only one topic is close: nothing to choose between, so it answers.
  if (close.length === 1)
    return { decision: 'answer', topics: top.map((t) => ({ topic: t.topic, score: score(t.score) })) };
  return { decision: 'clarify', topics: close.map((t) => ({ topic: t.topic, score: score(t.score) })) };
}
