/**
 * `npm run bench`: runs every benchmark suite and prints one table, each figure beside its same-run
 * baseline and the ratio. `--json FILE` also writes the rows to FILE. `--only NAME` runs one suite.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { printTable } from './stats.js';
import type { BenchRow } from './types.js';

type Suite = () => Promise<BenchRow[]>;

const suites: Record<string, () => Promise<Suite>> = {
  engine: async () => (await import('./engine.js')).benchEngine,
  faq: async () => (await import('./faq.js')).benchFaq,
  nlu: async () => (await import('./nlu.js')).benchNlu,
  events: async () => (await import('./events.js')).benchEvents,
  http: async () => (await import('./http.js')).benchHttp,
  reliability: async () => (await import('./reliability.js')).benchReliability,
};

const { values } = parseArgs({ options: { json: { type: 'string' }, only: { type: 'string' } } });
const names = values.only ? [values.only] : Object.keys(suites);
const all: Array<BenchRow & { suite: string }> = [];
for (const name of names) {
  const load = suites[name];
  if (!load) throw new Error(`unknown suite ${name}; known: ${Object.keys(suites).join(', ')}`);
  console.log(`\n## ${name}`);
  const rows = await (await load())();
  printTable(rows);
  all.push(...rows.map((r) => ({ suite: name, ...r })));
}
if (values.json) {
  writeFileSync(
    values.json,
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, rows: all }, null, 2)}\n`,
  );
  console.log(`\nwrote ${values.json}`);
}
