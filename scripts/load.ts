/**
 * `npm run load [-- --users N] [--think-ms 10] [--duplicates 0.05] [--pace-ms 0] [--seed S] [--json FILE] [--samples FILE] [--log-level info]`: runs
 * the load harness (scripts/load/harness.ts) against the real server, in its own process, on
 * loopback with a private Redis,
 * prints the figures and exits 1 unless no reply was lost, duplicated or reordered, the bot never
 * apologised for an error, and every expected record was created exactly once.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatReport, loadPassed, runLoad } from './load/harness.js';

const Args = z.object({
  users: z.coerce.number().int().min(1).max(9999).default(1000),
  duplicates: z.coerce.number().min(0).max(1).default(0.05),
  'pace-ms': z.coerce.number().int().min(0).max(5000).default(0),
  'think-ms': z.coerce.number().int().min(0).max(120_000).default(10),
  seed: z.coerce.number().int().default(20_261_121),
  json: z.string().optional(),
  samples: z.string().optional(),
  'log-level': z.enum(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
});

const { values } = parseArgs({
  options: {
    users: { type: 'string' },
    duplicates: { type: 'string' },
    'pace-ms': { type: 'string' },
    'think-ms': { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'string' },
    samples: { type: 'string' },
    'log-level': { type: 'string' },
  },
});
const parsed = Args.safeParse(values);
if (!parsed.success) {
  console.error(
    `load: ${parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
  );
  process.exit(2);
}
const args = parsed.data;
console.log(
  `load: ${args.users} users, ${args.duplicates * 100}% duplicate deliveries, Telegram pacing ${args['pace-ms']} ms per chat after a burst of 3 (production: 1000)`,
);
const { samples, ...report } = await runLoad({
  users: args.users,
  duplicateRate: args.duplicates,
  paceMs: args['pace-ms'],
  thinkMs: args['think-ms'],
  seed: args.seed,
  keepSamples: args.samples !== undefined,
  logLevel: args['log-level'],
  progress: (line) => console.log(line),
});
console.log(formatReport({ ...report, samples }));
if (args.json) {
  writeFileSync(
    args.json,
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, ...report }, null, 2)}\n`,
  );
  console.log(`wrote ${args.json}`);
}
if (args.samples) {
  writeFileSync(args.samples, `${JSON.stringify(samples)}\n`);
  console.log(`wrote ${samples.length} turn samples to ${args.samples}`);
}
const passed = loadPassed({ ...report, samples });
console.log(passed ? 'load: PASS' : 'load: FAIL (see the counts above)');
process.exit(passed ? 0 : 1);
