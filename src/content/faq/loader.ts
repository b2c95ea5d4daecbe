/**
 * Loads the FAQ topics (`topics/*.yaml`), validates each against the zod schema and checks the set
 * as a whole. Every problem is collected (not just the first) as a readable line naming the file and
 * the field, e.g. `jht-pajak.yaml: answer.en: Required`, so a content author fixes them in one go.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { projectPath } from '../../paths.js';
import { readYamlFile } from '../yaml-file.js';
import { FaqTopic } from './schema.js';

/** The topics directory next to this module. */
export const DEFAULT_TOPICS_DIR: string = projectPath('src', 'content', 'faq', 'topics');

/** Content that failed validation; `problems` lists every issue found, one readable line each. */
export class ContentError extends Error {
  override readonly name = 'ContentError';
  /** One line per problem: `<file>: <field path>: <what is wrong>`. */
  readonly problems: string[];

  constructor(problems: string[]) {
    const shown = problems.slice(0, 20).map((p) => `  - ${p}`);
    const more = problems.length > 20 ? [`  … and ${problems.length - 20} more`] : [];
    super([`FAQ content has ${problems.length} problem(s):`, ...shown, ...more].join('\n'));
    this.problems = problems;
  }
}

/** The result of checking the FAQ content: the valid topics and every problem found. */
export interface FaqCheck {
  /** Topics that passed validation, sorted by id. */
  topics: FaqTopic[];
  /** Problems found; empty when the content is fine. */
  problems: string[];
}

/** A parsed file before cross-file checks. */
interface RawFile {
  file: string;
  data: unknown;
  topic?: FaqTopic;
}

function readTopicFile(dir: string, file: string, problems: string[]): RawFile | undefined {
  const read = readYamlFile(dir, file, FaqTopic, problems);
  if (read === undefined) return undefined;
  return read.value === undefined ? { file, data: read.data } : { file, data: read.data, topic: read.value };
}

/** Checks that need a valid topic on its own: file name, self-reference, untranslated text. */
function checkTopic(raw: RawFile, problems: string[]): void {
  const { file, topic } = raw;
  if (topic === undefined) return;
  const expected = basename(file, '.yaml');
  if (topic.id !== expected)
    problems.push(`${file}: id: "${topic.id}" does not match the file name (expected "${expected}")`);
  topic.related.forEach((r, i) => {
    if (r === topic.id) problems.push(`${file}: related[${i}]: a topic cannot be related to itself`);
  });
  for (const field of ['title', 'answer'] as const) {
    if (topic[field].id.trim() === topic[field].en.trim()) {
      problems.push(`${file}: ${field}.en: same text as ${field}.id (missing translation?)`);
    }
  }
  const idQuestions = new Set(topic.questions.id.map((q) => q.trim().toLowerCase()));
  if (topic.questions.en.every((q) => idQuestions.has(q.trim().toLowerCase()))) {
    problems.push(`${file}: questions.en: same questions as questions.id (missing translation?)`);
  }
}

/** Checks across files: duplicate ids and `related` ids that point nowhere. */
function checkAcrossFiles(raws: readonly RawFile[], problems: string[]): void {
  const owner = new Map<string, string>();
  for (const { file, data } of raws) {
    const id = (data as { id?: unknown }).id;
    if (typeof id !== 'string') continue;
    const first = owner.get(id);
    if (first === undefined) owner.set(id, file);
    else problems.push(`${file}: id: "${id}" is already used by ${first}`);
  }
  for (const { file, topic } of raws) {
    topic?.related.forEach((r, i) => {
      if (r !== topic.id && !owner.has(r)) problems.push(`${file}: related[${i}]: unknown topic "${r}"`);
    });
  }
}

/** Ids listed in the first column of a topics TSV (header line skipped, blank lines ignored). */
function requiredIds(tsvPath: string, problems: string[]): string[] {
  let text: string;
  try {
    text = readFileSync(tsvPath, 'utf8');
  } catch (e) {
    problems.push(`${basename(tsvPath)}: cannot read required-topics list (${(e as Error).message})`);
    return [];
  }
  const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return rows
    .slice(1)
    .map((l) => (l.split('\t')[0] ?? '').trim())
    .filter((id) => id !== '');
}

/**
 * Checks all topic files without throwing.
 *
 * @param dir - directory holding `<id>.yaml` files (default: `src/content/faq/topics`)
 * @param requiredTsv - optional TSV whose first column lists topic ids that must exist
 * @returns the valid topics (sorted by id) and every problem found
 */
export function checkFaq(dir: string = DEFAULT_TOPICS_DIR, requiredTsv?: string): FaqCheck {
  const problems: string[] = [];
  let files: string[];
  try {
    files = readdirSync(dir).sort();
  } catch (e) {
    return { topics: [], problems: [`${dir}: cannot read the topics directory (${(e as Error).message})`] };
  }
  for (const f of files.filter((f) => f.endsWith('.yml'))) problems.push(`${f}: use the .yaml extension`);
  const yamlFiles = files.filter((f) => f.endsWith('.yaml'));
  if (yamlFiles.length === 0) problems.push(`${dir}: no .yaml topic files found`);

  const raws = yamlFiles.flatMap((f) => readTopicFile(dir, f, problems) ?? []);
  for (const raw of raws) checkTopic(raw, problems);
  checkAcrossFiles(raws, problems);

  const topics = raws.flatMap((r) => (r.topic === undefined ? [] : [r.topic]));
  if (requiredTsv !== undefined) {
    const present = new Set(raws.map((r) => (r.data as { id?: unknown }).id));
    for (const id of requiredIds(requiredTsv, problems)) {
      if (!present.has(id))
        problems.push(`${basename(requiredTsv)}: required topic "${id}" has no file (expected ${id}.yaml)`);
    }
  }
  topics.sort((a, b) => a.id.localeCompare(b.id));
  return { topics, problems };
}

/**
 * Loads and validates every topic.
 *
 * @param dir - directory holding `<id>.yaml` files (default: `src/content/faq/topics`)
 * @returns the topics, sorted by id
 * @throws {ContentError} listing every problem when any file or cross-file check fails
 */
export function loadFaq(dir: string = DEFAULT_TOPICS_DIR): FaqTopic[] {
  const { topics, problems } = checkFaq(dir);
  if (problems.length > 0) throw new ContentError(problems);
  return topics;
}
