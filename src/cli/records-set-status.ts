/**
 * `tanya records set-status TICKET STATUS [--note TEXT] [--by NAME] [--json]`: moves a claim along
 * its status model and queues the notice to the member; the running server delivers it through the
 * channel the claim came from.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { changeClaimStatus, ClaimStatusError, CLAIM_STATUSES } from '../claims/status.js';
import { loadConfig } from '../config.js';
import { createTranslator } from '../engine/i18n.js';
import { openOutbox } from '../notify/open-outbox.js';
import type { RecordStore } from '../store/records.js';
import { printJsonLine, UsageError } from './command.js';
import type { RecordsSubcommand } from './records.js';

const SetStatusArgs = z.object({
  ticket: z
    .string()
    .trim()
    .transform((value) => value.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2,4}-\d{8}-[0-9A-Z]{6}$/, 'a ticket looks like LA-20261121-4F7K2P')),
  status: z.enum(CLAIM_STATUSES, { error: `one of ${CLAIM_STATUSES.join(', ')}` }),
  note: z.string().trim().min(1).max(500).optional(),
  by: z.string().trim().min(1).max(64).optional(),
  json: z.boolean().default(false),
});

/** The JSON line `set-status --json` prints. */
export interface SetStatusOutput {
  id: string;
  status: string;
  previousStatus: string;
  note: string | null;
  /** Id of the queued notification. */
  notification: string;
}

/** `tanya records set-status`. */
export const setStatusRecords: RecordsSubcommand = {
  usage:
    'set-status TICKET STATUS [--note TEXT] [--by NAME] [--json]   move a claim on (submitted→verifying→scheduled→approved→paid, rejected, needs_documents) and notify the member',
  async run(store: RecordStore, args: string[]) {
    const { values, positionals } = parseArgs({
      args,
      options: { note: { type: 'string' }, by: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 2)
      throw new UsageError('usage: tanya records set-status TICKET STATUS [--note TEXT]');
    const parsed = SetStatusArgs.safeParse({ ticket: positionals[0], status: positionals[1], ...values });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`${issue?.path.join('.') || 'arguments'}: ${issue?.message}`);
    }
    const { ticket, status, note, by, json } = parsed.data;
    const { outbox, close } = await openOutbox(loadConfig());
    try {
      const result = await changeClaimStatus(
        { records: store, outbox, translator: createTranslator() },
        { ticket, status, note, by: by ?? 'cli' },
        new Date(),
      );
      const output: SetStatusOutput = {
        id: result.record.id,
        status: result.record.status,
        previousStatus: result.previous,
        note: note ?? null,
        notification: result.notification,
      };
      if (json) printJsonLine(output);
      else
        process.stdout.write(
          `${output.id}: ${output.previousStatus} → ${output.status}; member notification queued\n`,
        );
    } catch (error) {
      if (error instanceof ClaimStatusError) throw new UsageError(error.message);
      throw error;
    } finally {
      await close();
    }
  },
};
