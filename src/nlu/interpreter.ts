/**
 * The language understanding: trains the classifier from the content and turns a message plus the
 * situation it was typed in into an {@link Interpretation}. Every reading of user text asks it.
 *
 * One softmax over all classes (each trained intent, each FAQ topic, out of scope), then:
 * - FAQ topics are summed into the `faq` intent (the topic is the best of them);
 * - the context re-weights the intents the situation makes likely (after an offer, "ga jadi"
 *   declines it; at the language picker, "indo" picks a language), see {@link CONTEXT_PRIORS};
 * - a message whose content words the training data has never seen ("resep rendang") moves weight
 *   to out of scope: the classifier alone spreads such messages over whatever is closest.
 */
import { detectLanguage, normalize, type Lang } from '../content/nlp/normalize.js';
import { extractEntities, type Entity } from './entities.js';
import { readsAsQuestion } from './question.js';
import { conceptsIn } from './concepts.js';
import { languageWanted } from './language-wanted.js';
import SearchableMap from 'minisearch/SearchableMap';
import { featuresOf, plainTokens, type FeatureBag } from './features.js';
import { CONVERSATIONAL_INTENTS, type IntentLabel, type NluContext, type TrainedIntent } from './labels.js';
import { DEFAULT_TRAIN, FeatureIndex, SoftmaxModel, type Row, type TrainOptions } from './model.js';
import type { NluContent, TrainingLabel } from './content.js';

/** One reading of a message. */
export interface Candidate {
  intent: IntentLabel;
  /** The FAQ topic when `intent` is `faq`. */
  topic: string | null;
  score: number;
}

/** What a message means, in its context. */
export interface Interpretation {
  intent: IntentLabel;
  /** Probability of `intent` (0..1) after the context. */
  confidence: number;
  /** The best FAQ topic when the intent is `faq`, else null. */
  topic: string | null;
  /** Best first: intents and FAQ topics with their probabilities (at most 5). */
  candidates: Candidate[];
  /** The FAQ topics alone, best first, with their share of the FAQ probability (at most 5). */
  topics: { topic: string; score: number }[];
  /** Probability that the message is an FAQ question (all topics together, after the context). */
  faqProbability: number;
  entities: Entity[];
  lang: Lang;
  /** No letters or digits at all: blank, emoji only, punctuation only. */
  empty: boolean;
  /** Share of the message's content words never seen in the training content (0..1). */
  unknownShare: number;
}

/** How the context re-weights intents (multiplied, then renormalised). */
export const CONTEXT_PRIORS: Readonly<Record<NluContext['kind'], Partial<Record<IntentLabel, number>>>> = {
  idle: { affirm: 0.5, deny: 0.5, back: 0.5, cancel: 0.7 },
  offer: { affirm: 3, deny: 3, cancel: 3 },
  form_step: { cancel: 2, back: 2, affirm: 1.5, deny: 1.5 },
  after_fallback: { help: 1.5, ask_agent: 1.5, menu: 1.5, switch_language_en: 1.5, switch_language_id: 1.5 },
  language_picker: { switch_language_en: 5, switch_language_id: 5 },
};

/** Settings of the interpreter (training and the out-of-scope evidence rule). */
export interface NluOptions {
  train: TrainOptions;
  /** Weight moved to out of scope = unknownShare × this (only when some content word is unknown). */
  unknownPenalty: number;
  /** Features seen in fewer training examples than this are dropped. */
  minFeatureCount: number;
  /** How much the coarse model (request, question, small talk, other) re-weights the classes; 0 = not at all. */
  kindWeight: number;
}

/** The content's words, with typos of them ("pencairn", "kartuu") counted as known. */
class KnownWords {
  readonly #exact: Set<string>;
  readonly #fuzzy = new SearchableMap<true>();

  constructor(words: readonly string[]) {
    this.#exact = new Set(words);
    for (const word of words) if (word.length >= TYPO_MIN_LENGTH) this.#fuzzy.set(word, true);
  }

  /** Whether `word` is a content word, or one edit (two for long words) away from one. */
  knows(word: string): boolean {
    if (this.#exact.has(word)) return true;
    if (word.length < TYPO_MIN_LENGTH) return false;
    return this.#fuzzy.fuzzyGet(word, word.length >= 8 ? 2 : 1).size > 0;
  }
}

/** Shorter words are too easily one edit away from another word to count as typos. */
const TYPO_MIN_LENGTH = 5;

/** Conversational intents, whose wording varies more than the domain's. */
const CONVERSATIONAL: ReadonlySet<string> = new Set(CONVERSATIONAL_INTENTS);
/** Share of the unknown-word penalty applied to conversational intents. */
const CONVERSATIONAL_PENALTY = 0.5;

/** Defaults chosen by cross-validation (`npm run eval:nlu`). */
export const DEFAULT_NLU: Readonly<NluOptions> = {
  train: DEFAULT_TRAIN,
  unknownPenalty: 0.6,
  minFeatureCount: 2,
  kindWeight: 0.5,
};

/** Up to this many classes every class is dense; above it only intents and out of scope are. */
const ALL_DENSE_UP_TO = 160;

/** The classes that get a weight for every feature (see {@link SoftmaxModel.train}). */
function denseClasses(labels: readonly TrainingLabel[]): Set<number> {
  const all = labels.length <= ALL_DENSE_UP_TO;
  return new Set(labels.flatMap((label, i) => (all || label.kind !== 'faq' ? [i] : [])));
}

/** The trained language understanding. */
export interface Nlu {
  /** Interprets one message; without a context no situation re-weights it. */
  interpret(text: string, context?: NluContext, hint?: Lang): Interpretation;
  /** How long training took, in milliseconds. */
  readonly trainingMs: number;
  /** Model size: features, stored weights and classes. */
  readonly size: { features: number; weights: number; classes: number };
  /** The FAQ topic that answers a service request asked as a question, if the content names one. */
  topicFor(intent: IntentLabel): string | undefined;
}

function intentOf(label: TrainingLabel): IntentLabel {
  return label.kind === 'intent' ? label.intent : label.kind;
}

/** A trained model as plain data: what the cache stores. */
export interface TrainedModel {
  features: string[];
  vocabulary: string[];
  model: SoftmaxModel;
  /** The coarse model: what kind of message (see {@link KINDS}). */
  kinds: SoftmaxModel;
  /** Share of training rows of each kind. */
  kindPrior: number[];
  trainingMs: number;
}

/** Four classes with many examples each settle in two passes (cross-validation: same figures as five). */
const KIND_EPOCHS = 2;

/** Kinds of message the coarse model tells apart: a request, a question, small talk, off topic. */
export const KINDS = ['request', 'question', 'talk', 'other'] as const;

/** The index in {@link KINDS} of a label's kind. */
function kindOf(label: TrainingLabel): number {
  if (label.kind === 'faq') return KINDS.indexOf('question');
  if (label.kind === 'out_of_scope') return KINDS.indexOf('other');
  return KINDS.indexOf(CONVERSATIONAL.has(label.intent) ? 'talk' : 'request');
}

/** Trains the model on `content` (see {@link trainNlu} for the interpreter around it). */
export function trainModel(content: NluContent, options: NluOptions = DEFAULT_NLU): TrainedModel {
  const started = performance.now();
  const bags: { bag: FeatureBag; label: number }[] = content.examples.map((example) => ({
    bag: featuresOf(example.text, example.lang),
    label: example.label,
  }));
  // Every keyword of a topic is one more short example of it, and its answer (in each language) one
  // long one: a question may use the answer's words ("tiga centang hijau") rather than its questions'.
  const topicLabel = new Map(
    content.labels.flatMap((label, i) => (label.kind === 'faq' ? [[label.topic, i] as const] : [])),
  );
  for (const topic of content.topics) {
    const label = topicLabel.get(topic.id);
    if (label === undefined) continue;
    for (const keyword of topic.keywords) bags.push({ bag: featuresOf(keyword), label });
    for (const lang of ['id', 'en'] as const) bags.push({ bag: featuresOf(topic.answer[lang], lang), label });
  }
  // A feature seen in one example only can memorise it but not generalise: it is left out.
  const counts = new Map<string, number>();
  for (const { bag } of bags) for (const name of bag.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const index = new FeatureIndex();
  const rows: Row[] = bags.map(({ bag, label }) => {
    for (const name of bag.keys()) if ((counts.get(name) ?? 0) < options.minFeatureCount) bag.delete(name);
    return index.encode(bag, label);
  });
  const model = SoftmaxModel.train(
    rows,
    index.size,
    content.labels.length,
    options.train,
    denseClasses(content.labels),
  );
  const kindOfLabel = content.labels.map(kindOf);
  // Topic keywords ("daftar bpu") are not questions anyone typed: the coarse model learns from examples only.
  const kinds = SoftmaxModel.train(
    rows
      .slice(0, content.examples.length)
      .map((row) => ({ ...row, label: kindOfLabel[row.label] as number })),
    index.size,
    KINDS.length,
    { ...options.train, epochs: KIND_EPOCHS },
  );
  const kindPrior = KINDS.map(
    (_, kind) => rows.filter((row) => kindOfLabel[row.label] === kind).length / rows.length,
  );
  const vocabulary = new Set<string>();
  const outOfScope = content.labels.findIndex((label) => label.kind === 'out_of_scope');
  for (const example of content.examples) {
    if (example.label === outOfScope) continue;
    for (const token of normalize(example.text, example.lang)) vocabulary.add(token);
  }
  for (const topic of content.topics)
    for (const keyword of topic.keywords) for (const token of normalize(keyword)) vocabulary.add(token);
  return {
    features: index.names(),
    vocabulary: [...vocabulary],
    model,
    kinds,
    kindPrior,
    trainingMs: performance.now() - started,
  };
}

/** Trains the language understanding on `content`. */
export function trainNlu(content: NluContent, options: NluOptions = DEFAULT_NLU): Nlu {
  return nluOf(content, trainModel(content, options), options);
}

/** The interpreter around a trained (or cached) model. */
export function nluOf(content: NluContent, trained: TrainedModel, options: NluOptions = DEFAULT_NLU): Nlu {
  const index = FeatureIndex.of(trained.features);
  const vocabulary = new KnownWords(trained.vocabulary);
  const model = trained.model;
  const intents = content.labels.map(intentOf);
  const kindOfLabel = content.labels.map(kindOf);
  const serviceOfTopic = new Map(
    Object.entries(content.intentTopics).map(([intent, topic]) => [topic, intent as IntentLabel]),
  );
  return {
    trainingMs: trained.trainingMs,
    size: { features: index.size, weights: model.weightCount, classes: content.labels.length },
    topicFor: (intent) => (isTrainedIntent(intent) ? content.intentTopics[intent] : undefined),
    interpret(text, context, hint) {
      const lang = detectLanguage(text) ?? hint ?? 'id';
      const { ids, values } = index.lookup(featuresOf(text, lang));
      const probs = model.predict(ids, values);
      const kindProbs = trained.kinds.predict(ids, values);
      weighByKind(probs, kindProbs, trained.kindPrior, kindOfLabel, options.kindWeight);
      const request = kindProbs[KINDS.indexOf('request')] as number;
      const question = kindProbs[KINDS.indexOf('question')] as number;
      const unknownShare = unknownShareOf(text, lang, vocabulary);
      return decide({
        probs,
        labels: content.labels,
        intents,
        context,
        unknownShare,
        unknownPenalty: options.unknownPenalty,
        requestShare: request / (request + question),
        serviceOfTopic,
        text,
        lang,
      });
    },
  };
}

/**
 * Share of a message's content words the content never uses. Words of a conversational concept
 * ("monggo", "of course") are known whatever the examples say; the rest are compared after
 * normalisation (stems, synonyms), with typos of known words counted as known.
 */
function unknownShareOf(text: string, lang: Lang, vocabulary: KnownWords): number {
  const plain = plainTokens(text);
  const covered = new Set(conceptsIn(plain).flatMap((match) => range(match.start, match.end)));
  const rest = plain.filter((_, i) => !covered.has(i)).join(' ');
  const words = normalize(rest, lang).filter((token) => !/^\d+$/.test(token));
  const total = words.length + covered.size;
  if (!total) return 0;
  return words.filter((token) => !vocabulary.knows(token)).length / total;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}

/**
 * Combines the fine model with the coarse one (a product of experts): each class is multiplied by
 * how much more likely the coarse model finds its kind than the training data's share of that kind,
 * to the power `weight`. The coarse model has many examples per kind and learns what tells a request
 * ("tolong cairin jht sy") from a question ("cara cairin jht?") without fifty topics competing for the
 * subject words.
 */
function weighByKind(
  probs: Float64Array,
  kindProbs: Float64Array,
  kindPrior: readonly number[],
  kindOfLabel: readonly number[],
  weight: number,
): void {
  if (weight === 0) return;
  let sum = 0;
  for (let c = 0; c < probs.length; c++) {
    const kind = kindOfLabel[c] as number;
    const lift = (kindProbs[kind] as number) / (kindPrior[kind] as number);
    probs[c] = (probs[c] as number) * lift ** weight;
    sum += probs[c] as number;
  }
  for (let c = 0; c < probs.length; c++) probs[c] = (probs[c] as number) / sum;
}

interface DecideInput {
  probs: Float64Array;
  labels: readonly TrainingLabel[];
  intents: readonly IntentLabel[];
  context: NluContext | undefined;
  unknownShare: number;
  unknownPenalty: number;
  /** How much more the coarse model reads a request than a question (0..1). */
  requestShare: number;
  /** The service request each linked FAQ topic answers as a question. */
  serviceOfTopic: ReadonlyMap<string, IntentLabel>;
  text: string;
  lang: Lang;
}

/** From class probabilities to the interpretation: FAQ summed, context, out-of-scope evidence. */
function decide(input: DecideInput): Interpretation {
  const { probs, labels, intents } = input;
  const byIntent = new Map<IntentLabel, number>();
  const topics: { topic: string; score: number }[] = [];
  labels.forEach((label, i) => {
    const p = probs[i] as number;
    const intent = intents[i] as IntentLabel;
    byIntent.set(intent, (byIntent.get(intent) ?? 0) + p);
    if (label.kind === 'faq') topics.push({ topic: label.topic, score: p });
  });
  topics.sort((a, b) => b.score - a.score);
  if (input.unknownShare > 0) {
    // Words the content never uses ("resep", "anything") are evidence the message is about something else.
    const keep = 1 - Math.min(1, input.unknownShare * input.unknownPenalty);
    // Small talk lives on a small open vocabulary ("sip", "nuwun"): a new word there is weaker evidence.
    const keepTalk = 1 - Math.min(1, input.unknownShare * input.unknownPenalty * CONVERSATIONAL_PENALTY);
    let moved = 0;
    for (const [intent, p] of byIntent) {
      if (intent === 'out_of_scope') continue;
      const k = CONVERSATIONAL.has(intent) ? keepTalk : keep;
      byIntent.set(intent, p * k);
      moved += p * (1 - k);
    }
    for (const topic of topics) topic.score *= keep;
    byIntent.set('out_of_scope', (byIntent.get('out_of_scope') ?? 0) + moved);
  }
  const faqBefore = byIntent.get('faq') ?? 0;
  // After an offer, "sebentar, syaratnya apa aja?" is a question, not a yes or a no.
  const questionAtOffer = input.context?.kind === 'offer' && readsAsQuestion(input.text);
  const priors = input.context && !questionAtOffer ? CONTEXT_PRIORS[input.context.kind] : {};
  let total = 0;
  for (const [intent, p] of byIntent) {
    const weighted = p * (priors[intent] ?? 1);
    byIntent.set(intent, weighted);
    total += weighted;
  }
  for (const [intent, p] of byIntent) byIntent.set(intent, p / total);
  // Which language a switch goes to is read from how the message names the languages.
  const wanted = languageWanted(input.text, input.lang);
  if (wanted) {
    const to: IntentLabel = wanted === 'en' ? 'switch_language_en' : 'switch_language_id';
    const from: IntentLabel = wanted === 'en' ? 'switch_language_id' : 'switch_language_en';
    byIntent.set(to, (byIntent.get(to) ?? 0) + (byIntent.get(from) ?? 0));
    byIntent.set(from, 0);
  }
  // After an offer there is nothing to cancel: "never mind" declines it.
  if (input.context?.kind === 'offer') {
    byIntent.set('deny', (byIntent.get('deny') ?? 0) + (byIntent.get('cancel') ?? 0));
    byIntent.set('cancel', 0);
  }
  const faqAfter = byIntent.get('faq') ?? 0;
  const faqScale = faqBefore > 0 ? faqAfter / faqBefore : 0;
  const candidates: Candidate[] = [];
  for (const [intent, p] of byIntent)
    if (intent !== 'faq') candidates.push({ intent, topic: null, score: p });
  for (const topic of topics.slice(0, 5))
    candidates.push({ intent: 'faq', topic: topic.topic, score: topic.score * faqScale });
  candidates.sort((a, b) => b.score - a.score);
  // The intent is the best single class: fifty topics together must not outvote one intent.
  const best = candidates[0] ?? { intent: 'out_of_scope' as const, topic: null, score: 1 };
  // A service's own topic read as a request, not a question ("cairin jht online", "daftar bpu"),
  // asks for the service: the topic's and the service's probability are one reading of it.
  const service = best.topic ? input.serviceOfTopic.get(best.topic) : undefined;
  const asService = service !== undefined && input.requestShare > 0.5;
  const intent: IntentLabel = asService ? service : best.intent;
  const confidence = asService ? (byIntent.get(service) ?? 0) + best.score : (byIntent.get(intent) ?? 0);
  const faqTotal = faqBefore || 1;
  return {
    intent,
    confidence: round(confidence),
    topic: intent === 'faq' ? (topics[0]?.topic ?? null) : null,
    candidates: candidates.slice(0, 5).map((c) => ({ ...c, score: round(c.score) })),
    topics: topics.slice(0, 5).map((t) => ({ topic: t.topic, score: round(t.score / faqTotal) })),
    faqProbability: round(faqAfter),
    entities: extractEntities(input.text),
    lang: input.lang,
    empty: plainTokens(input.text).length === 0,
    unknownShare: input.unknownShare,
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Whether a label is a trained intent (not faq or out of scope). */
export function isTrainedIntent(label: IntentLabel): label is TrainedIntent {
  return label !== 'faq' && label !== 'out_of_scope';
}
