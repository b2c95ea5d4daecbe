/**
 * `tanya records <subcommand>`: durable records (BPU registrations, claims) for operators.
 * Subcommands live in {@link RECORDS_SUBCOMMANDS}; a feature adds its own with one entry there.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { openRecordStore } from '../store/open-record-store.js';
import { recordView } from '../store/record-view.js';
import { RecordType, type RecordStore } from '../store/records.js';
import { printJsonLine, unknownArgument, UsageError, type Command } from './command.js';
import { setStatusRecords } from './records-set-status.js';

/** One `tanya records <name>` subcommand; it gets the open record store and its own arguments. */
export interface RecordsSubcommand {
  /** Usage line after `records `, e.g. `list [--json] …   what it does`. */
  readonly usage: string;
  run(store: RecordStore, args: string[]): Promise<void>;
}

const ListOptions = z.object({
  json: z.boolean().default(false),
  type: RecordType.optional(),
  reveal: z.boolean().default(false),
});

/** `tanya records list [--json] [--type registration|claim] [--reveal]`. */
export const listRecords: RecordsSubcommand = {
  usage: 'list [--json] [--type registration|claim] [--reveal]   records, oldest first; NIK/phone masked',
  async run(store, args) {
    const { values } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, type: { type: 'string' }, reveal: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
    const parsed = ListOptions.safeParse(values);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`--${issue?.path.join('.')}: ${issue?.message}`);
    }
    const { json, type, reveal } = parsed.data;
    const records = await store.list(type ? { type } : {});
    for (const record of records) {
      const view = recordView(record, { reveal });
      if (json) printJsonLine(view);
      else process.stdout.write(`${view.id}  ${view.type}  ${view.status}  ${view.createdAt}\n`);
    }
    if (!json) process.stdout.write(`${records.length} record(s)\n`);
  },
};

/** The subcommands of `tanya records`, by name. */
export const RECORDS_SUBCOMMANDS: Record<string, RecordsSubcommand> = {
  list: listRecords,
  'set-status': setStatusRecords,
};

/** `tanya records`. */
export const recordsCommand: Command = {
  get usage() {
    return Object.values(RECORDS_SUBCOMMANDS).map((subcommand) => `records ${subcommand.usage}`);
  },
  async run(args) {
    const [name, ...rest] = args;
    const subcommand =
      name !== undefined && Object.hasOwn(RECORDS_SUBCOMMANDS, name) ? RECORDS_SUBCOMMANDS[name] : undefined;
    if (!subcommand) throw unknownArgument(name);
    const store = await openRecordStore(loadConfig());
    try {
      await subcommand.run(store, rest);
    } finally {
      await store.close();
    }
  },
};
