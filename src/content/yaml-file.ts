/**
 * Reading one YAML content file for a check: every problem becomes a readable line naming the file
 * (and line and column for syntax errors, the field path for schema errors); nothing throws.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';

/** `['questions', 'id', 2]` → `questions.id[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** One zod issue as `<file>: <field path>: <what is wrong>`. */
export function formatIssue(file: string, issue: z.core.$ZodIssue): string {
  const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
  const message = missing ? 'Required' : issue.message;
  const path = formatPath(issue.path);
  return path === '' ? `${file}: ${message}` : `${file}: ${path}: ${message}`;
}

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/**
 * Reads `dir/file` as one YAML mapping; pushes a problem and returns undefined when the file cannot
 * be read, does not parse, or is not a mapping.
 */
export function readYamlMapping(dir: string, file: string, problems: string[]): object | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch (e) {
    problems.push(`${file}: cannot read file (${(e as Error).message})`);
    return undefined;
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const { line, col } = lineAndColumn(text, err.pos[0]);
      problems.push(
        `${file}: YAML syntax error at line ${line}, column ${col}: ${err.message.split('\n')[0] ?? err.code}`,
      );
    }
    return undefined;
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push(`${file}: the file must contain one mapping`);
    return undefined;
  }
  return data;
}

/** Reads and validates one YAML file against `schema`; problems name the file and field. */
export function readYamlFile<T extends z.ZodType>(
  dir: string,
  file: string,
  schema: T,
  problems: string[],
): { data: object; value?: z.infer<T> } | undefined {
  const data = readYamlMapping(dir, file, problems);
  if (data === undefined) return undefined;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(formatIssue(file, issue));
    return { data };
  }
  return { data, value: parsed.data };
}
