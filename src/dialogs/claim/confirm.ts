/**
 * The summary and the submission (`confirm`): book the verification slot (atomic, idempotent per
 * form), then create the claim record (idempotent per form), and give the user the ticket, the
 * checklist of documents received, the slot and the status.
 */
import { say, step, type Step, type TurnContext } from '../../engine/dialog.js';
import { INTENT_CHOICE } from '../../engine/intents.js';
import type { JsonObject } from '../../engine/types.js';
import { maskAccount, type ClaimData } from '../../claims/record.js';
import { claimEligibility, type ClaimReason } from '../../rules/claim.js';
import { maskNik } from '../../rules/nik.js';
import { formatSlot } from '../../store/slots.js';
import { docLabel } from './documents.js';
import { formatDate } from './format.js';
import { documentsFor, idempotencyKey, userZone, type ClaimState } from './state.js';

/** The documents in the order they were asked, with ✓ for received and – for skipped. */
function checklist(ctx: TurnContext, state: ClaimState): string {
  return documentsFor(state)
    .map((doc) =>
      state.documents.some((d) => d.type === doc.type)
        ? `✓ ${docLabel(ctx, doc.type)}`
        : `– ${docLabel(ctx, doc.type)} ${ctx.t('claim:doc_skipped')}`,
    )
    .join('\n');
}

function reasonLine(ctx: TurnContext, state: ClaimState): string {
  const reason = ctx.t(`claim:reason.${state.reason}`);
  if (state.exitDate) return `${reason} (${formatDate(state.exitDate, ctx.locale)})`;
  if (state.membershipYears !== null)
    return `${reason} (${ctx.t('claim:years_value', { years: state.membershipYears })})`;
  return reason;
}

/** The record's data, from a complete form. */
function claimRecordData(ctx: TurnContext, state: ClaimState): ClaimData {
  const order = documentsFor(state).map((doc) => doc.type as string);
  return {
    reason: state.reason as ClaimReason,
    exitDate: state.exitDate,
    membershipYears: state.membershipYears,
    nik: state.nik ?? '',
    kpj: state.kpj,
    name: state.name ?? '',
    heirName: state.heirName,
    documents: state.documents
      .filter((doc) => order.includes(doc.type))
      .sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type)),
    bank: { bank: state.bank ?? '', account: state.account ?? '', holder: state.holder ?? '' },
    slot: { id: state.slot ?? '', startsAt: new Date(state.slot ?? '').toISOString(), zone: userZone(state) },
    locale: ctx.locale,
  };
}

export const confirmStep: Step<ClaimState> = {
  prompt(ctx, state) {
    const eligibility = claimEligibility({
      reason: state.reason as ClaimReason,
      ...(state.exitDate ? { exitDate: state.exitDate } : {}),
      ...(state.membershipYears !== null ? { membershipYears: state.membershipYears } : {}),
      now: ctx.now,
    });
    const notes = eligibility.ok ? eligibility.notes.map((note) => ctx.t(`claim:claim_note.${note}`)) : [];
    const summary = ctx.t(state.reason === 'death' ? 'claim:summary_heir' : 'claim:summary', {
      reason: reasonLine(ctx, state),
      nik: maskNik(state.nik ?? ''),
      kpj: state.kpj ?? ctx.t('claim:kpj_none'),
      name: state.name,
      heir: state.heirName,
      documents: checklist(ctx, state),
      bank: state.bank,
      account: maskAccount(state.account ?? ''),
      holder: state.holder,
      slot: formatSlot(state.slot ?? '', userZone(state), ctx.locale),
    });
    return [
      say.text([summary, ...notes].join('\n\n')),
      say.choices(ctx.t('claim:ask_confirm'), [
        {
          id: 'confirm:yes',
          label: ctx.t('claim:confirm_yes'),
          means: 'yes',
          synonyms: ['kirim', 'benar', 'betul', 'sudah benar', 'lanjut', 'submit', 'send'],
        },
        { id: INTENT_CHOICE.cancel, label: ctx.t('claim:confirm_cancel') },
      ]),
    ];
  },
  async receive(ctx, state, input) {
    const yes = input.kind === 'choice' && input.choiceId === 'confirm:yes';
    if (!yes) return step.retry(ctx.t('claim:confirm_invalid'));
    const key = idempotencyKey(ctx.address, state);
    const booking = await ctx.services.slots.book(state.slot ?? '', key, ctx.now);
    if (booking === 'full' || booking === 'invalid') {
      return step.next('slot', { ...state, slot: null, slotPage: 0 }, [say.text(ctx.t('claim:slot_taken'))]);
    }
    const data = claimRecordData(ctx, state);
    const created = await ctx.services.records.create(
      {
        type: 'claim',
        prefix: 'LA',
        status: 'submitted',
        conversation: ctx.address,
        idempotencyKey: key,
        data: data as unknown as JsonObject,
      },
      ctx.now,
    );
    const record = created.record;
    return step.end([
      say.text(
        ctx.t('claim:submitted', {
          ticket: record.id,
          status: ctx.t('claim-status:status.submitted'),
          documents: checklist(ctx, state),
          slot: formatSlot(data.slot.id, data.slot.zone, ctx.locale),
        }),
      ),
      say.text(ctx.t('claim:free_warning')),
    ]);
  },
};
