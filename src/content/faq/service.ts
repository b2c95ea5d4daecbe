/**
 * The FAQ as a service for dialogs: the validated topics and their search index, built once.
 */
import { loadFaq } from './loader.js';
import type { FaqTopic } from './schema.js';
import { buildFaqIndex, type FaqIndex, type SearchResult } from './search.js';
import type { Locale } from '../../engine/types.js';

/** Questions answered from the FAQ content. */
export interface FaqService {
  /** Searches the topics; `locale` is the conversation's language, used when the question's is unclear. */
  ask(question: string, locale?: Locale): SearchResult;
  /** A topic by id. */
  topic(id: string): FaqTopic | undefined;
  /** How many topics are loaded. */
  readonly size: number;
}

/** Builds the service over `topics` (default: the shipped content, validated). */
export function createFaqService(topics: readonly FaqTopic[] = loadFaq()): FaqService {
  const index: FaqIndex = buildFaqIndex(topics);
  const byId = new Map(topics.map((topic) => [topic.id, topic]));
  return {
    ask: (question, locale) => index.search(question, locale),
    topic: (id) => byId.get(id),
    size: topics.length,
  };
}
