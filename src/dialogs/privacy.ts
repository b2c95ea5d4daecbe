/**
 * "Hapus data saya" / "delete my data": says what will be deleted and what the law makes us keep,
 * asks for confirmation, then deletes the conversation's unsubmitted records and documents
 * (src/privacy/erase.ts) and returns `erase`, after which the engine deletes the session and the
 * transcript. Started by the global `erase` intent from anywhere; "tidak" leaves everything as it was.
 */
import { defineDialog, say, step, type TurnContext } from '../engine/dialog.js';
import { fold } from '../engine/text.js';
import type { Inbound } from '../engine/types.js';
import { eraseConversationData, type ErasureReport } from '../privacy/erase.js';

/** Choice ids of the confirmation. */
export const PRIVACY_CHOICE = { yes: 'privacy:yes', no: 'privacy:no' } as const;

const YES = new Set([
  'ya',
  'iya',
  'y',
  'yes',
  'ok',
  'oke',
  'hapus',
  'ya hapus',
  'setuju',
  'delete',
  'yes delete',
]);
const NO = new Set(['tidak', 'tdk', 'no', 'nggak', 'enggak', 'gak', 'ga', 'jangan', 'keep', 'n']);

function answerOf(input: Inbound): 'yes' | 'no' | undefined {
  if (input.kind === 'choice') {
    if (input.choiceId === PRIVACY_CHOICE.yes) return 'yes';
    if (input.choiceId === PRIVACY_CHOICE.no) return 'no';
    return undefined;
  }
  if (input.kind !== 'text') return undefined;
  const folded = fold(input.text);
  if (YES.has(folded)) return 'yes';
  if (NO.has(folded)) return 'no';
  return undefined;
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
          { id: PRIVACY_CHOICE.yes, label: ctx.t('privacy:choice_yes') },
          { id: PRIVACY_CHOICE.no, label: ctx.t('privacy:choice_no') },
        ]),
      ],
      async receive(ctx, _state, input) {
        const answer = answerOf(input);
        if (answer === 'no') return step.end([say.text(ctx.t('privacy:kept_all'))]);
        if (answer !== 'yes') return step.retry(ctx.t('privacy:yes_or_no'));
        const report = await eraseConversationData(ctx.services, ctx.address);
        return step.erase([say.text(erasedText(ctx, report))]);
      },
    },
  },
});
