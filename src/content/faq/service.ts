/**
 * The FAQ as a service for dialogs: the validated topics, and questions read by the language
 * understanding (`src/nlu/`), whose interpretation decides between answering, clarifying and
 * falling back (`src/nlu/faq-decision.ts`).
 */
import type { FaqTopic } from './schema.js';
import type { Locale } from '../../engine/types.js';
import {
  decideFaq,
  sharedNlu,
  sharedNluContent,
  type Interpretation,
  type Nlu,
  type NluContext,
} from '../../nlu/index.js';

/** What the bot should do with a question. */
export type SearchDecision = 'answer' | 'clarify' | 'fallback';

/** The outcome of one question (the contract of `tanya faq --json`). */
export interface SearchResult {
  /** `answer`: the first candidate; `clarify`: ask which candidate was meant; `fallback`: not covered. */
  decision: SearchDecision;
  /** Best first, at most 3; empty on `fallback`. */
  candidates: { id: string; score: number }[];
  /** Language of the question (from its words; the `locale` hint, then Indonesian, when undecidable). */
  locale: Locale;
  /** The interpretation the decision was made from. */
  interpretation: Interpretation;
}

/** Questions answered from the FAQ content. */
export interface FaqService {
  /** Reads a question; `locale` is the conversation's language, used when the question's is unclear. */
  ask(question: string, locale?: Locale, context?: NluContext): SearchResult;
  /** Decides on an interpretation already made (the router's), without reading the text again. */
  decide(interpretation: Interpretation): SearchResult;
  /** A topic by id. */
  topic(id: string): FaqTopic | undefined;
  /** How many topics are loaded. */
  readonly size: number;
}

/** The least confidence in a service request for its own topic to answer it. */
const OWN_TOPIC_MIN = 0.5;

/**
 * Builds the service over `topics` and the language understanding (default: the shipped content,
 * whose topics the understanding has already read and checked).
 */
export function createFaqService(
  topics: readonly FaqTopic[] = sharedNluContent().topics,
  nlu: Nlu = sharedNlu(),
): FaqService {
  const byId = new Map(topics.map((topic) => [topic.id, topic]));
  const decide = (interpretation: Interpretation): SearchResult => {
    // "bisa daftarin ART saya?" reads as a request: its own topic answers it when the FAQ is asked.
    const own = nlu.topicFor(interpretation.intent);
    if (own && byId.has(own) && interpretation.confidence >= OWN_TOPIC_MIN) {
      const others = interpretation.topics.filter((t) => t.topic !== own).slice(0, 2);
      return {
        decision: 'answer',
        candidates: [
          { id: own, score: interpretation.confidence },
          ...others.map((t) => ({ id: t.topic, score: t.score })),
        ],
        locale: interpretation.lang,
        interpretation,
      };
    }
    const outcome = decideFaq(interpretation);
    return {
      decision: outcome.decision,
      candidates: outcome.topics
        .filter((t) => byId.has(t.topic))
        .map((t) => ({ id: t.topic, score: t.score })),
      locale: interpretation.lang,
      interpretation,
    };
  };
  return {
    ask: (question, locale, context = { kind: 'idle' }) => decide(nlu.interpret(question, context, locale)),
    decide,
    topic: (id) => byId.get(id),
    size: topics.length,
  };
}
