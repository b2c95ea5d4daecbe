/**
 * Loads the language-understanding training content (intent examples, out-of-scope examples and the
 * FAQ topics' question variants) and checks it: the schema, the minimum number of examples per
 * label and language, and that no example (once folded) is given for two different labels.
 */
import { readdirSync } from 'node:fs';
import { projectPath } from '../paths.js';
import { checkFaq, DEFAULT_TOPICS_DIR } from '../content/faq/loader.js';
import type { FaqTopic } from '../content/faq/schema.js';
import { readYamlFile } from '../content/yaml-file.js';
import { TRAINED_INTENTS, type TrainedIntent } from './labels.js';
import { IntentFile, MINIMUMS, OutOfScopeFile, type Examples } from './schema.js';
import { fold } from './text.js';

/** The folder of the intent files and the out-of-scope file. */
export const DEFAULT_NLU_DIR: string = projectPath('src', 'content', 'nlu');

/** A class the classifier is trained on: an intent, an FAQ topic, or out of scope. */
export type TrainingLabel =
  { kind: 'intent'; intent: TrainedIntent } | { kind: 'faq'; topic: string } | { kind: 'out_of_scope' };

/** One training example. */
export interface TrainingExample {
  text: string;
  lang: 'id' | 'en';
  /** Index into {@link NluContent.labels}. */
  label: number;
}

/** Everything the classifier is trained from. */
export interface NluContent {
  labels: TrainingLabel[];
  examples: TrainingExample[];
  /** The FAQ topics (titles and keywords also train their class). */
  topics: readonly FaqTopic[];
  /** Per service request, the FAQ topic that answers it asked as a question (from its `topic` field). */
  intentTopics: Partial<Record<TrainedIntent, string>>;
}

/** The result of a content check: what loaded, and every problem found. */
export interface NluCheck {
  content: NluContent;
  /** Every problem: `unreadable` ones, then minimums and duplicates. */
  problems: string[];
  /** Files or fields that could not be read or validated: the content cannot be loaded. */
  unreadable: string[];
}

/** A label as `tanya nlu` prints it. */
export function labelName(label: TrainingLabel): string {
  if (label.kind === 'intent') return label.intent;
  if (label.kind === 'faq') return `faq:${label.topic}`;
  return 'out_of_scope';
}

interface Source {
  file: string;
  field: string;
  label: number;
  examples: Examples;
}

/** Builds the training content from intent files, out-of-scope examples and FAQ topics. */
export function buildContent(
  intents: readonly { intent: TrainedIntent; examples: Examples; file?: string; topic?: string }[],
  outOfScope: Examples,
  topics: readonly FaqTopic[],
): { content: NluContent; sources: Source[] } {
  const labels: TrainingLabel[] = [];
  const sources: Source[] = [];
  for (const entry of intents) {
    labels.push({ kind: 'intent', intent: entry.intent });
    sources.push({
      file: entry.file ?? `nlu/intents/${entry.intent}.yaml`,
      field: 'examples',
      label: labels.length - 1,
      examples: entry.examples,
    });
  }
  for (const topic of topics) {
    labels.push({ kind: 'faq', topic: topic.id });
    const label = labels.length - 1;
    sources.push({
      file: `faq/topics/${topic.id}.yaml`,
      field: 'questions',
      label,
      examples: {
        id: [...topic.questions.id, topic.title.id],
        en: [...topic.questions.en, topic.title.en],
      },
    });
  }
  labels.push({ kind: 'out_of_scope' });
  sources.push({
    file: 'nlu/out-of-scope.yaml',
    field: 'examples',
    label: labels.length - 1,
    examples: outOfScope,
  });
  const examples: TrainingExample[] = sources.flatMap((source) =>
    (['id', 'en'] as const).flatMap((lang) =>
      source.examples[lang].map((text) => ({ text, lang, label: source.label })),
    ),
  );
  const intentTopics: Partial<Record<TrainedIntent, string>> = {};
  for (const entry of intents) if (entry.topic) intentTopics[entry.intent] = entry.topic;
  return { content: { labels, examples, topics, intentTopics }, sources };
}

/** Examples given for two labels, and minimums not met. */
function countProblems(sources: readonly Source[], labels: readonly TrainingLabel[]): string[] {
  const problems: string[] = [];
  const owner = new Map<string, { label: number; where: string }>();
  for (const source of sources) {
    const label = labels[source.label] as TrainingLabel;
    for (const lang of ['id', 'en'] as const) {
      source.examples[lang].forEach((text, i) => {
        const key = fold(text) || text.trim();
        const where = `${source.file}: ${source.field}.${lang}[${i}]`;
        const first = owner.get(key);
        if (first && first.label !== source.label) {
          problems.push(`${where}: "${text}" is also an example of another label (${first.where})`);
        } else if (first) {
          problems.push(`${where}: "${text}" repeats ${first.where}`);
        } else owner.set(key, { label: source.label, where });
      });
    }
    const minimum =
      label.kind === 'intent' ? MINIMUMS.intent : label.kind === 'faq' ? MINIMUMS.faqTopic : undefined;
    if (minimum) {
      for (const lang of ['id', 'en'] as const) {
        // FAQ sources carry the title as one extra line: it does not count.
        const count = source.examples[lang].length - (label.kind === 'faq' ? 1 : 0);
        if (count < minimum[lang])
          problems.push(
            `${source.file}: ${source.field}.${lang}: ${count} examples, at least ${minimum[lang]} needed`,
          );
      }
    } else {
      const count = source.examples.id.length + source.examples.en.length;
      if (count < MINIMUMS.outOfScope)
        problems.push(`${source.file}: examples: ${count} lines, at least ${MINIMUMS.outOfScope} needed`);
    }
  }
  return problems;
}

/**
 * Checks the NLU content without throwing.
 *
 * @param dir - folder holding `intents/*.yaml` and `out-of-scope.yaml`
 * @param topicsDir - the FAQ topics folder
 */
export function checkNluContent(
  dir: string = DEFAULT_NLU_DIR,
  topicsDir: string = DEFAULT_TOPICS_DIR,
): NluCheck {
  const problems: string[] = [];
  const intentsDir = `${dir}/intents`;
  let files: string[] = [];
  const intentProblems: string[] = [];
  try {
    files = readdirSync(intentsDir)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
  } catch (e) {
    problems.push(`${intentsDir}: cannot read the intents folder (${(e as Error).message})`);
  }
  const intents: { intent: TrainedIntent; examples: Examples; file: string; topic?: string }[] = [];
  for (const file of files) {
    const read = readYamlFile(intentsDir, file, IntentFile, intentProblems);
    if (!read?.value) continue;
    if (`${read.value.intent}.yaml` !== file)
      problems.push(`nlu/intents/${file}: intent: "${read.value.intent}" does not match the file name`);
    else
      intents.push({
        intent: read.value.intent,
        examples: read.value.examples,
        file: `nlu/intents/${file}`,
        ...(read.value.topic ? { topic: read.value.topic } : {}),
      });
  }
  for (const intent of TRAINED_INTENTS) {
    if (!files.includes(`${intent}.yaml`))
      problems.push(`nlu/intents/${intent}.yaml: missing (every intent needs its examples file)`);
  }
  intents.sort((a, b) => TRAINED_INTENTS.indexOf(a.intent) - TRAINED_INTENTS.indexOf(b.intent));
  problems.push(...intentProblems.map((problem) => `nlu/intents/${problem}`));
  const oosProblems: string[] = [];
  const oos = readYamlFile(dir, 'out-of-scope.yaml', OutOfScopeFile, oosProblems)?.value;
  problems.push(...oosProblems.map((problem) => `nlu/${problem}`));
  const faq = checkFaq(topicsDir);
  problems.push(...faq.problems.map((problem) => `faq/topics/${problem}`));
  const { content, sources } = buildContent(intents, oos?.examples ?? { id: [], en: [] }, faq.topics);
  const known = new Set(faq.topics.map((topic) => topic.id));
  for (const entry of intents)
    if (entry.topic && !known.has(entry.topic))
      problems.push(`${entry.file}: topic: unknown FAQ topic "${entry.topic}"`);
  return {
    content,
    problems: [...problems, ...countProblems(sources, content.labels)],
    unreadable: problems,
  };
}

/** Content that failed its check. */
export class NluContentError extends Error {
  override readonly name = 'NluContentError';
  /** One line per problem. */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`NLU content has ${problems.length} problem(s):\n${problems.slice(0, 20).join('\n')}`);
    this.problems = problems;
  }
}

/** Loads the shipped content, throwing only when a file is unreadable or invalid (not for minimums). */
export function loadNluContent(
  dir: string = DEFAULT_NLU_DIR,
  topicsDir: string = DEFAULT_TOPICS_DIR,
): NluContent {
  const { content, unreadable } = checkNluContent(dir, topicsDir);
  if (unreadable.length) throw new NluContentError(unreadable);
  return content;
}
