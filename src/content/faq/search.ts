/**
 * FAQ retrieval: which topic answers a member's question, and how sure we are.
 *
 * Why not MiniSearch's document search: its BM25 scores are unbounded and per document, while the
 * bot needs one calibrated 0..1 score per topic to decide between answering, asking which topic
 * was meant, and admitting it does not know. So this module keeps a small index of its own
 * (IDF-weighted cosine over short question variants plus topic-level coverage, see `ranker.ts`)
 * and uses MiniSearch's radix tree (`SearchableMap.fuzzyGet`) for typo-tolerant lookup.
 *
 * Reading a question: language → spelling correction of unknown words (`spelling.ts`) → canonical
 * tokens (`normalize.ts`) → index terms with weights. Query words unknown to the whole index still
 * count in the query's weight, so "cara masak rendang" scores low everywhere. Generic words
 * ("cara", "berapa") rank but never count as evidence that a question is about this help desk.
 */
import { foldTokens } from '../nlp/fold.js';
import { COMMON_EN, COMMON_ID } from '../nlp/common.js';
import { knownWords } from '../nlp/lexicon.js';
import { detectLanguage, normalize, normalizeFolded, synonymEntries, type Lang } from '../nlp/normalize.js';
import { SpellingCorrector } from '../nlp/spelling.js';
import { GENERIC_TERMS, INTENT_TERMS } from '../nlp/stopwords.js';
import { TopicRanker, type RankedTopic } from './ranker.js';
import type { FaqTopic } from './schema.js';

/** What the bot should do with a question. */
export type SearchDecision = 'answer' | 'clarify' | 'fallback';

/** One topic the question may be about, with a calibrated score in 0..1. */
export interface SearchCandidate {
  id: string;
  score: number;
}

/** The outcome of one search. */
export interface SearchResult {
  /** `answer`: the first candidate; `clarify`: ask which candidate was meant; `fallback`: not covered. */
  decision: SearchDecision;
  /** Best first, at most 3; empty on `fallback`. */
  candidates: SearchCandidate[];
  /** Language of the question (from its words; the `locale` hint, then Indonesian, when undecidable). */
  locale: Lang;
}

/** Scoring and decision constants; the defaults were tuned on principles, not per question. */
export interface SearchTuning {
  /** Share of the score from the best single variant (the rest: topic-level coverage). */
  variantWeight: number;
  /** Weight multiplier for generic words ("hari", "baru", "nomor"). */
  genericFactor: number;
  /** Weight multiplier for question-intent words ("cara", "berapa", "kapan"). */
  intentFactor: number;
  /** Coverage credit for a query word found only in a topic's answer text (0 disables). */
  answerCredit: number;
  /** Weight of a query word found nowhere in the index, as a share of the rarest word's IDF. */
  unknownFactor: number;
  /** The same for an everyday word the index lacks ("bola", "resep"): surely not a typo of ours. */
  everydayFactor: number;
  /** Weight multiplier for a word matched only through a typo (per edit). */
  fuzzyFactor: number;
  /** Also read unknown canonical tokens (after stemming) as typos of index terms. */
  termFuzzy: boolean;
  /** Below this score nothing is relevant. */
  minScore: number;
  /** At or above this score, and `margin` ahead of the next, the top topic is answered directly. */
  answerScore: number;
  /** Lead over the runner-up needed to answer directly. */
  margin: number;
  /** Runners-up within this distance of the top are offered when clarifying. */
  clarifySpread: number;
  /** Minimum share of the query's non-generic weight that the top topic must contain. */
  minEvidence: number;
}

/** Default tuning. */
export const DEFAULT_TUNING: Readonly<SearchTuning> = {
  variantWeight: 0.55,
  genericFactor: 0.35,
  intentFactor: 0.6,
  answerCredit: 0.3,
  unknownFactor: 0.75,
  everydayFactor: 1,
  fuzzyFactor: 0.75,
  termFuzzy: true,
  minScore: 0.42,
  answerScore: 0.5,
  margin: 0.08,
  clarifySpread: 0.1,
  minEvidence: 0.5,
};

const MAX_CANDIDATES = 3;

/** A query term resolved against the index vocabulary. */
interface QueryTerm {
  token: string;
  /** Index term ids this query word matched (exactly, or through a typo / a misspelt synonym). */
  termIds: number[];
  /** The query-side weight. */
  weight: number;
  /** Whether a match counts as evidence that the question is about this domain. */
  evidence: boolean;
}

/** A ranked topic before the decision (see {@link RankedTopic}), with its id. */
export type Ranked = RankedTopic & { id: string };

/** How a word weighs and whether it is evidence: generic and intent words and numbers are not. */
function termClass(term: string, t: SearchTuning): { factor: number; evidence: boolean } {
  if (INTENT_TERMS.has(term)) return { factor: t.intentFactor, evidence: false };
  if (GENERIC_TERMS.has(term)) return { factor: t.genericFactor, evidence: false };
  if (/^\d+$/.test(term)) return { factor: 1, evidence: false };
  return { factor: 1, evidence: true };
}

/** Texts of a topic that are indexed as variants, with their language. */
function variantTexts(topic: FaqTopic): [string, Lang][] {
  return [
    ...topic.questions.id.map((q): [string, Lang] => [q, 'id']),
    ...topic.questions.en.map((q): [string, Lang] => [q, 'en']),
    [topic.title.id, 'id'],
    [topic.title.en, 'en'],
  ];
}

/** Words from 9 letters on may be two edits away from what was meant; shorter ones one edit. */
const TWO_EDITS_FROM = 9;

/** Everything the index is built from, in term ids. */
interface Vocabulary {
  terms: Map<string, number>;
  variants: { topic: number; terms: number[] }[];
  /** per topic: terms of its variants, titles and keywords */
  bags: Set<number>[];
  /** per topic: terms found only in its answer */
  answerBags: Set<number>[];
  /** surface words per language, for the spelling correctors */
  surface: Record<Lang, string[]>;
}

function buildVocabulary(topics: readonly FaqTopic[]): Vocabulary {
  const terms = new Map<string, number>();
  const termId = (term: string): number => {
    let id = terms.get(term);
    if (id === undefined) terms.set(term, (id = terms.size));
    return id;
  };
  const vocab: Vocabulary = {
    terms,
    variants: [],
    bags: [],
    answerBags: [],
    surface: { id: [...knownWords('id')], en: [...knownWords('en')] },
  };
  const fold = (text: string, lang: Lang | undefined): string[] => {
    const words = foldTokens(text);
    if (lang !== 'en') vocab.surface.id.push(...words);
    if (lang !== 'id') vocab.surface.en.push(...words);
    return words;
  };
  topics.forEach((topic, ti) => {
    const bag = new Set<number>();
    for (const [text, lang] of variantTexts(topic)) {
      const ids = [...new Set(normalizeFolded(fold(text, lang), lang))].map(termId);
      for (const id of ids) bag.add(id);
      if (ids.length > 0) vocab.variants.push({ topic: ti, terms: ids });
    }
    for (const kw of topic.keywords) {
      const lang = detectLanguage(kw);
      for (const term of normalizeFolded(fold(kw, lang), lang ?? 'id')) bag.add(termId(term));
    }
    const answer = new Set<number>();
    for (const lang of ['id', 'en'] as const) {
      for (const term of normalizeFolded(fold(topic.answer[lang], lang), lang)) {
        const id = termId(term);
        if (!bag.has(id)) answer.add(id);
      }
    }
    vocab.bags.push(bag);
    vocab.answerBags.push(answer);
  });
  return vocab;
}

/** A spelling corrector whose candidates are compared by what they normalise to. */
function spellerFor(words: readonly string[], meaning: (word: string) => string): SpellingCorrector {
  const memo = new Map<string, string>();
  return new SpellingCorrector(words, {
    twoEditsFrom: TWO_EDITS_FROM,
    meaning: (w) => {
      let m = memo.get(w);
      if (m === undefined) memo.set(w, (m = meaning(w)));
      return m;
    },
  });
}

/**
 * An immutable search index over FAQ topics. Build once at start-up (or on content reload);
 * `search` is synchronous and allocation-light.
 */
export class FaqIndex {
  private readonly tuning: SearchTuning;
  private readonly topicIds: string[];
  private readonly termIndex: Map<string, number>;
  private readonly termWeight: Float64Array;
  private readonly termEvidence: Uint8Array;
  private readonly ranker: TopicRanker;
  /** One surface spelling corrector per language: a typo in an Indonesian sentence is Indonesian. */
  private readonly speller: Record<Lang, SpellingCorrector>;
  /** Second chance after normalisation: index terms and synonym members, by canonical meaning. */
  private readonly termSpeller: SpellingCorrector;
  /** synonym member → canonical term, for members whose concept is in the index */
  private readonly canonicalOf: Map<string, string>;
  private readonly maxIdf: number;
  /** canonical forms of everyday out-of-domain words (see `common.ts`) */
  private readonly everyday: ReadonlySet<string>;

  /**
   * @param topics - validated topics (see `loadFaq`)
   * @param tuning - optional overrides of {@link DEFAULT_TUNING}
   */
  constructor(topics: readonly FaqTopic[], tuning: Partial<SearchTuning> = {}) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.topicIds = topics.map((t) => t.id);
    const vocab = buildVocabulary(topics);
    this.termIndex = vocab.terms;

    // IDF over topics (variants, titles, keywords); a word only ever seen in answers uses answer counts.
    const termCount = this.termIndex.size;
    const topicCount = Math.max(1, topics.length);
    const df = new Int32Array(termCount);
    const answerDf = new Int32Array(termCount);
    for (const bag of vocab.bags) for (const id of bag) df[id] = (df[id] as number) + 1;
    for (const bag of vocab.answerBags) for (const id of bag) answerDf[id] = (answerDf[id] as number) + 1;
    this.maxIdf = Math.log(1 + topicCount);
    this.termWeight = new Float64Array(termCount);
    this.termEvidence = new Uint8Array(termCount);
    for (const [term, id] of this.termIndex) {
      const { factor, evidence } = termClass(term, this.tuning);
      const n = (df[id] as number) > 0 ? (df[id] as number) : Math.max(1, answerDf[id] as number);
      this.termWeight[id] = Math.log(1 + topicCount / n) * factor;
      this.termEvidence[id] = evidence ? 1 : 0;
    }

    this.ranker = new TopicRanker({
      topicCount: topics.length,
      termWeights: this.termWeight,
      variants: vocab.variants,
      bags: vocab.bags,
      answerBags: vocab.answerBags,
    });
    this.speller = {
      id: spellerFor(vocab.surface.id, (w) => normalize(w, 'id').join(' ')),
      en: spellerFor(vocab.surface.en, (w) => normalize(w, 'en').join(' ')),
    };
    this.everyday = new Set([
      ...COMMON_ID.flatMap((w) => normalize(w, 'id')),
      ...COMMON_EN.flatMap((w) => normalize(w, 'en')),
    ]);
    this.canonicalOf = new Map(synonymEntries().filter(([, c]) => this.termIndex.has(c)));
    const meaning = (w: string): string => this.canonicalOf.get(w) ?? w;
    this.termSpeller = spellerFor([...this.termIndex.keys(), ...this.canonicalOf.keys()], meaning);
  }

  /** Number of topics indexed. */
  get size(): number {
    return this.topicIds.length;
  }

  /**
   * Finds the topics a question is about and decides what to do.
   *
   * @param query - the member's message, any language mix, any spelling
   * @param locale - the conversation's language, used when the question's own words do not tell
   */
  search(query: string, locale?: Lang): SearchResult {
    const { lang, resolved } = this.read(query, locale);
    return { ...this.decide(this.rank(resolved)), locale: lang };
  }

  /**
   * Shows how a question is read and scored (for content authors and tuning): the canonical
   * tokens with the index terms they matched and their weights, and the best topics.
   */
  explain(query: string, locale?: Lang): { locale: Lang; terms: QueryTermView[]; ranked: Ranked[] } {
    const { lang, resolved } = this.read(query, locale);
    const names = [...this.termIndex.keys()];
    const terms = resolved.terms.map((t) => ({
      token: t.token,
      matched: t.termIds.map((id) => names[id] as string),
      weight: Math.round(t.weight * 100) / 100,
      evidence: t.evidence,
    }));
    return { locale: lang, terms, ranked: this.rank(resolved) };
  }

  /** Language, spelling correction, normalisation and term resolution of one question. */
  private read(query: string, locale: Lang | undefined): { lang: Lang; resolved: Resolved } {
    const hint = detectLanguage(query) ?? locale ?? 'id';
    const fixed = this.correctSpelling(query, hint);
    if (fixed === undefined) return { lang: hint, resolved: this.resolve(normalize(query, hint), new Set()) };
    const lang = detectLanguage(fixed) ?? hint;
    const tokens = normalize(fixed, lang);
    const original = new Set(normalize(query, lang));
    return { lang, resolved: this.resolve(tokens, new Set(tokens.filter((t) => !original.has(t)))) };
  }

  /** The query with misspelt words fixed, or `undefined` when nothing needed fixing. */
  private correctSpelling(query: string, lang: Lang): string | undefined {
    let changed = false;
    const words = foldTokens(query).map((w) => {
      const speller = this.speller[lang];
      if (w.length < 5 || speller.has(w) || this.understood(w, lang)) return w;
      const c = speller.correct(w);
      if (c === undefined) return w;
      changed = true;
      return c.to;
    });
    return changed ? words.join(' ') : undefined;
  }

  /** True when every canonical token of `word` is in the index (an inflection we already know). */
  private understood(word: string, lang: Lang): boolean {
    return normalize(word, lang).every((t) => this.termIndex.has(t));
  }

  /** Resolves normalised query tokens against the vocabulary; unknown words keep a weight. */
  private resolve(tokens: readonly string[], corrected: ReadonlySet<string>): Resolved {
    const terms: QueryTerm[] = [];
    let normSq = 0;
    let evidenceSq = 0;
    for (const token of new Set(tokens)) {
      const cls = termClass(token, this.tuning);
      const exact = this.termIndex.get(token);
      let term: QueryTerm;
      if (exact !== undefined) {
        const penalty = corrected.has(token) ? this.tuning.fuzzyFactor : 1;
        term = {
          token,
          termIds: [exact],
          weight: (this.termWeight[exact] ?? 0) * penalty,
          evidence: cls.evidence,
        };
      } else {
        const typo = this.tuning.termFuzzy ? this.termTypo(token) : undefined;
        if (typo !== undefined) {
          term = {
            token,
            termIds: [typo.id],
            weight: (this.termWeight[typo.id] as number) * this.tuning.fuzzyFactor ** typo.distance,
            evidence: cls.evidence && this.termEvidence[typo.id] === 1,
          };
        } else {
          // Unknown everywhere (an unknown number says nothing): it still makes the question
          // "bigger" than what any topic covers, which is how off-topic questions score low.
          if (/^\d+$/.test(token)) continue;
          term = {
            token,
            termIds: [],
            weight:
              this.maxIdf *
              (this.everyday.has(token) ? this.tuning.everydayFactor : this.tuning.unknownFactor) *
              cls.factor,
            evidence: cls.evidence,
          };
        }
      }
      terms.push(term);
      normSq += term.weight ** 2;
      if (term.evidence) evidenceSq += term.weight ** 2;
    }
    return { terms, normSq, evidenceSq };
  }

  /** A normalised token that is not in the index, read as a typo of one index term (or none). */
  private termTypo(token: string): { id: number; distance: number } | undefined {
    const c = this.termSpeller.correct(token);
    const meant = c === undefined ? undefined : this.termIndex.get(this.canonicalOf.get(c.to) ?? c.to);
    return c === undefined || meant === undefined ? undefined : { id: meant, distance: c.distance };
  }

  /** The best topics for a resolved query (one more than shown, to judge the runner-up). */
  private rank({ terms, normSq, evidenceSq }: Resolved): Ranked[] {
    const { variantWeight, answerCredit } = this.tuning;
    return this.ranker
      .rank(terms, normSq, evidenceSq, { variantWeight, answerCredit, limit: MAX_CANDIDATES + 1 })
      .map((r) => ({ ...r, id: this.topicIds[r.topic] as string }));
  }

  /** Answer, clarify or fall back, from the ranked topics. */
  private decide(ranked: readonly Ranked[]): Omit<SearchResult, 'locale'> {
    const { minScore, answerScore, margin, clarifySpread, minEvidence } = this.tuning;
    const first = ranked[0];
    if (first === undefined || first.score < minScore || first.evidence < minEvidence) {
      return { decision: 'fallback', candidates: [] };
    }
    const relevant = (r: Ranked): boolean => r.score >= minScore && r.evidence >= minEvidence;
    const view = (r: Ranked): SearchCandidate => ({ id: r.id, score: Math.round(r.score * 1000) / 1000 });
    const second = ranked[1]?.score ?? 0;
    if (first.score >= answerScore && first.score - second >= margin) {
      return { decision: 'answer', candidates: ranked.filter(relevant).slice(0, MAX_CANDIDATES).map(view) };
    }
    const close = ranked.filter((r) => relevant(r) && r.score >= first.score - clarifySpread);
    return { decision: 'clarify', candidates: close.slice(0, MAX_CANDIDATES).map(view) };
  }
}

/** A resolved query. */
interface Resolved {
  terms: QueryTerm[];
  normSq: number;
  evidenceSq: number;
}

/** A query term as shown by {@link FaqIndex.explain}. */
export interface QueryTermView {
  token: string;
  matched: string[];
  weight: number;
  evidence: boolean;
}

/**
 * Builds a {@link FaqIndex}.
 *
 * @param topics - validated topics (see `loadFaq`)
 * @param tuning - optional overrides of {@link DEFAULT_TUNING}
 */
export function buildFaqIndex(topics: readonly FaqTopic[], tuning: Partial<SearchTuning> = {}): FaqIndex {
  return new FaqIndex(topics, tuning);
}
