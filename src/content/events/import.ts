/**
 * Reads an events file (CSV or JSON) all-or-nothing: either every row is a valid {@link Event} and
 * all are returned, or none is and every problem is listed.
 *
 * - CSV: the first line is a header naming the columns (any order; see {@link EVENT_FIELDS}; the
 *   required ones are {@link REQUIRED_EVENT_FIELDS}). Empty cells mean "not given"; `lat`, `lon`,
 *   `capacity` are numbers with a decimal point; `sample` is `true`/`false` (also `ya`/`tidak`,
 *   `yes`/`no`, `1`/`0`).
 * - JSON: an array of event objects.
 *
 * Problems read `row N, field F: message`, where **row N is the Nth event of the file, counting
 * from 1**: in CSV the Nth data record after the header (in a file without multi-line cells that
 * is file line N + 1), in JSON the Nth array element. CSV syntax errors cite the file `line N`;
 * problems with the file or header as a whole start with `file:` or `header:`.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { projectPath } from '../../paths.js';
import type { z } from 'zod';
import { parseCsv } from './csv.js';
import { EVENT_FIELDS, Event, REQUIRED_EVENT_FIELDS, type EventField } from './model.js';

/**
 * The events shipped with the project: the historical events of the seed articles (real dates,
 * past) and clearly labelled sample upcoming events (`sample: true`, title `[Contoh] ...`).
 */
export const SAMPLE_EVENTS_FILE = projectPath('src', 'content', 'events', 'sample-events.json');

/** Outcome of an import: all events, or every problem found (and no events). */
export type ImportResult = { ok: true; events: Event[] } | { ok: false; problems: string[] };

/** An events file given by content instead of path; `name` decides the format by its extension. */
export interface EventsFileContent {
  name: string;
  content: string;
}

/** Reads and validates an events file (a path, or a name plus content). Never throws for bad input. */
export async function parseEventsFile(source: string | EventsFileContent): Promise<ImportResult> {
  if (typeof source !== 'string') return parseEvents(source.name, source.content);
  let content: string;
  try {
    content = await readFile(source, 'utf8');
  } catch (error) {
    return {
      ok: false,
      problems: [`file: cannot read ${source}: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  return parseEvents(basename(source), content);
}

/** Validates events file content; the format comes from the extension of `name` (`.csv` or `.json`). */
export function parseEvents(name: string, content: string): ImportResult {
  const extension = extname(name).toLowerCase();
  if (extension === '.csv') return fromCsv(content);
  if (extension === '.json') return fromJson(content);
  return { ok: false, problems: [`file: unsupported file type "${name}" (expected .csv or .json)`] };
}

function fromJson(content: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      ok: false,
      problems: [`file: invalid JSON: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  if (!Array.isArray(data)) return { ok: false, problems: ['file: expected a JSON array of events'] };
  return validateEvents(data);
}

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  ya: true,
  tidak: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
};
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NUMERIC_FIELDS: ReadonlySet<string> = new Set<EventField>(['lat', 'lon', 'capacity']);

/** A CSV cell as the JSON value it stands for; values that do not convert stay text for the schema to reject. */
function cellValue(field: EventField, raw: string): unknown {
  const cell = raw.trim();
  if (cell === '') return undefined;
  if (NUMERIC_FIELDS.has(field)) return NUMBER.test(cell) ? Number(cell) : cell;
  if (field === 'sample') return BOOLEAN_WORDS[cell.toLowerCase()] ?? cell;
  return raw;
}

const isEventField = (name: string): name is EventField => (EVENT_FIELDS as readonly string[]).includes(name);

function fromCsv(content: string): ImportResult {
  const { records, errors } = parseCsv(content);
  if (errors.length > 0) return { ok: false, problems: errors };
  const [header, ...rows] = records;
  if (!header) return { ok: false, problems: ['file: empty; expected a header line naming the columns'] };

  const columns = header.fields.map((name) => name.trim().toLowerCase());
  const problems: string[] = [];
  columns.forEach((name, index) => {
    if (!isEventField(name)) problems.push(`header: unknown column "${name}"`);
    else if (columns.indexOf(name) !== index) problems.push(`header: column "${name}" appears twice`);
  });
  for (const required of REQUIRED_EVENT_FIELDS) {
    if (!columns.includes(required)) problems.push(`header: missing column "${required}"`);
  }
  if (problems.length > 0) return { ok: false, problems };

  const objects: unknown[] = [];
  const shapeProblems = new Map<number, string>();
  rows.forEach((record, index) => {
    if (record.fields.length !== columns.length) {
      shapeProblems.set(
        index,
        `row ${index + 1}: expected ${columns.length} fields, found ${record.fields.length} (line ${record.line})`,
      );
    }
    const object: Record<string, unknown> = {};
    columns.forEach((name, column) => {
      const value = cellValue(name as EventField, record.fields[column] ?? '');
      if (value !== undefined) object[name] = value;
    });
    objects.push(object);
  });
  return validateRows(objects, shapeProblems);
}

interface FieldProblem {
  field: string | undefined;
  message: string;
}

function fieldProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ field: key, message: 'unknown field' });
    } else if (issue.path.length === 0 && issue.code === 'invalid_type') {
      problems.push({ field: undefined, message: 'must be an object with the event fields' });
    } else {
      const field = issue.path[0];
      problems.push({ field: field === undefined ? undefined : String(field), message: issue.message });
    }
  }
  return problems;
}

const fieldOrder = (field: string | undefined): number => {
  if (field === undefined) return -1;
  const index = (EVENT_FIELDS as readonly string[]).indexOf(field);
  return index === -1 ? EVENT_FIELDS.length : index;
};

/**
 * Validates already-parsed events (e.g. a JSON array) all-or-nothing, with the same checks and
 * messages as {@link parseEvents}: the {@link Event} schema and unique ids.
 */
export function validateEvents(rows: readonly unknown[]): ImportResult {
  return validateRows(rows);
}

/** Validates rows and checks ids are unique; `rowProblems` are messages that replace a row's checks (by index). */
function validateRows(
  rows: readonly unknown[],
  rowProblems: ReadonlyMap<number, string> = new Map(),
): ImportResult {
  const problems: string[] = [];
  const events: Event[] = [];
  const firstRowOfId = new Map<string, number>();

  rows.forEach((row, index) => {
    const rowNumber = index + 1;
    const shape = rowProblems.get(index);
    if (shape !== undefined) {
      problems.push(shape);
      return;
    }
    const parsed = Event.safeParse(row);
    const found = parsed.success ? [] : fieldProblems(parsed.error.issues);
    const id = parsed.success ? parsed.data.id : rawId(row);
    if (id !== undefined) {
      const first = firstRowOfId.get(id);
      if (first === undefined) firstRowOfId.set(id, rowNumber);
      else found.push({ field: 'id', message: `duplicate of row ${first}` });
    }
    found.sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field));
    for (const { field, message } of found) {
      problems.push(
        field === undefined ? `row ${rowNumber}: ${message}` : `row ${rowNumber}, field ${field}: ${message}`,
      );
    }
    if (parsed.success && found.length === 0) events.push(parsed.data);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, events };
}

function rawId(row: unknown): string | undefined {
  if (typeof row !== 'object' || row === null || !('id' in row)) return undefined;
  return typeof row.id === 'string' && row.id.trim() !== '' ? row.id.trim() : undefined;
}
