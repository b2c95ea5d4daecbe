/**
 * "Hapus data saya" / "delete my data": says what will be deleted and what the law makes us keep,
 * asks for confirmation, then deletes the conversation's unsubmitted records and documents
 * (src/privacy/erase.ts) and returns `erase`, after which the engine deletes the session and the
 * transcript. Started by the global `erase` intent from anywhere; only a clear yes deletes: "tidak",
 * "ga jadi" or anything unclear leaves everything as it was, and the form the user came from goes on.
 */
import { defineDialog, say, step, type TurnContext } from '../engine/dialog.js';
import type { Inbound } from '../engine/types.js';
import { eraseConversationData, type ErasureReport } from '../privacy/erase.js';

/** Choice ids of the confirmation. */
export const PRIVACY_CHOICE = { yes: 'privacy:yes', no: 'privacy:no' } as const;

/** Deleting cannot be undone: only a clear yes counts. */
const EXPLICIT_YES = 0.8;

/** Yes only when the user clearly said so; a no, "never mind" or anything unclear is a no. */
function answerOf(input: Inbound, ctx: TurnContext): 'yes' | 'no' {
  if (input.kind === 'choice') return input.choiceId === PRIVACY_CHOICE.yes ? 'yes' : 'no';
  const reading = ctx.interpretation;
  if (input.kind !== 'text' || !reading) return 'no';
  const yes =
    (reading.intent === 'affirm' || reading.intent === 'delete_my_data') &&
    reading.confidence >= EXPLICIT_YES;
  return yes ? 'yes' : 'no';
}

/** The goodbye: what was deleted, and what is kept and why. */
function erasedText(ctx: TurnContext, report: ErasureReport): string {
  const lines = [ctx.t('privacy:erased', { documents: report.documentsDeleted })];
  if (report.kept.length) {
    const references = report.kept.map((record) => record.id).join(', ');
    lines.push(ctx.t('privacy:kept', { references, documents: report.documentsKept }));
  }
  lines.push(ctx.t('privacy:goodbye'));
  return lines.join('\n\n');
}

/** Confirms and carries out a request to delete the user's data. */
export const privacyDialog = defineDialog<Record<string, never>>({
  id: 'privacy',
  version: 1,
  titleKey: 'privacy:title',
  firstStep: 'confirm',
  start: () => ({}),
  steps: {
    confirm: {
      prompt: (ctx) => [
        say.choices(ctx.t('privacy:confirm'), [
          { id: PRIVACY_CHOICE.yes, label: ctx.t('privacy:choice_yes'), means: 'yes' },
          { id: PRIVACY_CHOICE.no, label: ctx.t('privacy:choice_no'), means: 'no' },
        ]),
      ],
      expects: 'yes_no',
      async receive(ctx, _state, input) {
        if (answerOf(input, ctx) === 'no') return step.end([say.text(ctx.t('privacy:kept_all'))]);
        const report = await eraseConversationData(ctx.services, ctx.address);
        return step.erase([say.text(erasedText(ctx, report))]);
      },
    },
  },
});
