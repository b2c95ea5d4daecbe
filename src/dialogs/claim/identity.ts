/**
 * The claim form's first questions: the reason (with the membership years of a partial claim), the
 * exit date, NIK, KPJ and name (the heir's too for a death claim). Eligibility is checked as soon
 * as its facts are known: the waiting period after the exit date, 10 years for a partial claim,
 * age 56 from the NIK; a claim that cannot be filed ends here with what to do instead.
 */
import { say, step, type Step, type StepResult, type TurnContext } from '../../engine/dialog.js';
import { INTENT_CHOICE } from '../../engine/intents.js';
import type { Outbound } from '../../engine/types.js';
import {
  CLAIM_REASONS,
  claimEligibility,
  isLapakAsikOnline,
  PARTIAL_CLAIM_MIN_YEARS,
  type ClaimReason,
} from '../../rules/claim.js';
import { parseDate } from '../../rules/dates.js';
import { validateNik } from '../../rules/nik.js';
import { dateRejection } from '../validation.js';
import { isClaimWord, digitsOf, isSkip, personName, textOf, yearsOf } from './answers.js';
import { formatDate } from './format.js';
import { documentsFor, isPartial, nextStep, type ClaimState } from './state.js';

type ClaimStep = Step<ClaimState>;

/** Moves on to the first unanswered question, leaving any sub-question. */
export function advance(state: ClaimState, say?: Outbound[]): StepResult<ClaimState> {
  const next = { ...state, stage: null };
  return step.next(nextStep(next), next, say);
}

/** Ends the form with an explanation and the way to a person or the menu. */
function endWithHelp(ctx: TurnContext, text: string): StepResult<ClaimState> {
  return step.end([
    say.text(text),
    say.choices(ctx.t('claim:help_prompt'), [
      { id: INTENT_CHOICE.agent, label: ctx.t('claim:choice_agent') },
      { id: INTENT_CHOICE.menu, label: ctx.t('claim:choice_menu') },
    ]),
  ]);
}

/** Documents the old reason needed and the new one does not are deleted. */
async function changeReason(ctx: TurnContext, state: ClaimState, reason: ClaimReason): Promise<ClaimState> {
  if (state.reason === reason) return state;
  const changed: ClaimState = {
    ...state,
    reason,
    exitDate: null,
    membershipYears: null,
    heirName: reason === 'death' ? state.heirName : null,
  };
  const needed = new Set(documentsFor(changed).map((doc) => doc.type as string));
  for (const doc of state.documents.filter((d) => !needed.has(d.type))) {
    await ctx.services.documents.delete(doc.id);
  }
  return { ...changed, documents: state.documents.filter((d) => needed.has(d.type)) };
}

/** Words members type for each reason ("resign", "kena phk", "kontrak habis", "10 persen"). */
const REASON_WORDS: readonly [RegExp, ClaimReason][] = [
  [/\b(resign|risain|mengundurkan diri|undur diri|keluar kerja|berhenti kerja)\b/, 'resign'],
  [/\b(phk|di ?phk|dipecat|pemutusan hubungan kerja|laid off|lay ?off)\b/, 'phk'],
  [/\b(kontrak (habis|selesai|berakhir)|habis kontrak|pkwt)\b/, 'pkwt_end'],
  [/\b(usia 56|umur 56|56 tahun)\b/, 'age56'],
  [/\b(10 ?%|10 persen|sepuluh persen)/, 'partial10'],
  [/\b(30 ?%|30 persen|tiga puluh persen)/, 'partial30'],
  [/\b(meninggal|wafat|almarhum|almarhumah|ahli waris)\b/, 'death'],
  [/\b(cacat)\b/, 'disability'],
];

function typedReason(text: string | undefined): ClaimReason | undefined {
  if (text === undefined) return undefined;
  const folded = text.toLowerCase().replace(/\s+/g, ' ');
  return REASON_WORDS.find(([pattern]) => pattern.test(folded))?.[1];
}

export const reasonStep: ClaimStep = {
  prompt(ctx, state) {
    if (state.stage === 'years') return [say.text(ctx.t('claim:ask_years'))];
    return [
      say.choices(
        ctx.t('claim:ask_reason'),
        CLAIM_REASONS.map((reason) => ({ id: `reason:${reason}`, label: ctx.t(`claim:reason.${reason}`) })),
      ),
    ];
  },
  async receive(ctx, state, input) {
    if (state.stage === 'years') {
      const text = textOf(input);
      const years = text === undefined ? undefined : yearsOf(text);
      if (years === undefined || years > 70) return step.retry(ctx.t('claim:years_invalid'));
      const eligibility = claimEligibility({
        reason: state.reason as ClaimReason,
        membershipYears: years,
        now: ctx.now,
      });
      if (!eligibility.ok && eligibility.reason === 'partial_needs_10_years') {
        return endWithHelp(ctx, ctx.t('claim:partial_refused', { years, min: PARTIAL_CLAIM_MIN_YEARS }));
      }
      return advance({ ...state, membershipYears: years });
    }
    const chosen =
      input.kind === 'choice' && input.choiceId.startsWith('reason:') ? input.choiceId.slice(7) : '';
    const reason = CLAIM_REASONS.find((r) => r === chosen) ?? typedReason(textOf(input));
    if (!reason) return step.retry(ctx.t('claim:reason_invalid'));
    if (!isLapakAsikOnline(reason) && reason !== 'death') {
      return endWithHelp(ctx, ctx.t('claim:not_online', { reason: ctx.t(`claim:reason.${reason}`) }));
    }
    const updated = await changeReason(ctx, state, reason);
    if (isPartial(reason) && updated.membershipYears === null)
      return step.repeat({ ...updated, stage: 'years' });
    return advance(updated);
  },
};

export const exitDateStep: ClaimStep = {
  prompt: (ctx, state) => [say.text(ctx.t(`claim:ask_exit_date.${state.reason ?? 'resign'}`))],
  receive(ctx, state, input) {
    const text = textOf(input);
    if (text === undefined) return step.retry(dateRejection(ctx.t, 'unrecognized'));
    const parsed = parseDate(text, ctx.now, { complete: 'past' });
    if (!parsed.ok) return step.retry(dateRejection(ctx.t, parsed.reason));
    const eligibility = claimEligibility({
      reason: state.reason as ClaimReason,
      exitDate: parsed.date,
      now: ctx.now,
    });
    if (!eligibility.ok) {
      if (eligibility.reason === 'exit_date_in_future') return step.retry(ctx.t('claim:date_future'));
      if (eligibility.reason === 'waiting_period') {
        return endWithHelp(
          ctx,
          ctx.t('claim:waiting_period', {
            exit: formatDate(parsed.date, ctx.locale),
            first: formatDate(eligibility.firstClaimDate, ctx.locale),
          }),
        );
      }
      return step.retry(dateRejection(ctx.t, 'unrecognized'));
    }
    return advance({ ...state, exitDate: parsed.date });
  },
};

export const nikStep: ClaimStep = {
  prompt: (ctx, state) => [
    say.text(ctx.t(state.reason === 'death' ? 'claim:ask_nik_deceased' : 'claim:ask_nik')),
  ],
  receive(ctx, state, input) {
    const text = textOf(input);
    const nik = validateNik(text ?? '', ctx.now);
    if (!nik.ok) return step.retry(ctx.t(`claim:nik_invalid.${text === undefined ? 'empty' : nik.reason}`));
    if (state.reason === 'age56') {
      const eligibility = claimEligibility({ reason: 'age56', birthDate: nik.birthDate, now: ctx.now });
      if (!eligibility.ok && eligibility.reason === 'too_young_for_age56') {
        return endWithHelp(
          ctx,
          ctx.t('claim:too_young', { date: formatDate(eligibility.eligibleFrom, ctx.locale) }),
        );
      }
    }
    return advance({ ...state, nik: nik.nik });
  },
};

export const kpjStep: ClaimStep = {
  ownsText: isClaimWord,
  prompt: (ctx) => [say.text(ctx.t('claim:ask_kpj'))],
  receive(ctx, state, input) {
    if (isSkip(input)) return advance({ ...state, kpj: null, kpjSkipped: true });
    const digits = digitsOf(textOf(input) ?? '');
    if (digits?.length !== 11) return step.retry(ctx.t('claim:kpj_invalid'));
    return advance({ ...state, kpj: digits, kpjSkipped: false });
  },
};

export const nameStep: ClaimStep = {
  expects: 'name',
  prompt(ctx, state) {
    if (state.stage === 'heir') return [say.text(ctx.t('claim:ask_heir_name'))];
    return [say.text(ctx.t(state.reason === 'death' ? 'claim:ask_name_deceased' : 'claim:ask_name'))];
  },
  receive(ctx, state, input) {
    const name = personName(textOf(input) ?? '');
    if (!name) return step.retry(ctx.t('claim:name_invalid'));
    if (state.stage === 'heir') return advance({ ...state, heirName: name });
    const updated = { ...state, name };
    return state.reason === 'death' ? step.repeat({ ...updated, stage: 'heir' }) : advance(updated);
  },
};
