/**
 * `jkp-check`: whether a laid-off worker can claim JKP (job-loss benefit) and roughly how much.
 * Steps (public contract): `phk_date`, `reason`, `contract` (skipped when the reason names a
 * contract), `months` (contribution months in the last 24), `wage`. The answer is eligible or not
 * with every reason, and when eligible the monthly estimate, the deadline and how to apply
 * (SIAPkerja). The rules are {@link jkpEligibility}'s.
 */
import { defineDialog, say, step, type TurnContext } from '../engine/dialog.js';
import { fold } from '../nlu/text.js';
import type { Inbound, Outbound } from '../engine/types.js';
import { parseDate } from '../rules/dates.js';
import { formatRupiah, parseIncome } from '../rules/income.js';
import {
  JKP_MIN_CONTRIBUTION_MONTHS,
  JKP_WAGE_CAP,
  jkpEligibility,
  type ContractType,
  type JkpExitReason,
  type JkpResult,
} from '../rules/jkp.js';
import { formatDate } from './claim/format.js';
import { dateRejection } from './validation.js';

type JkpState = {
  phkDate: string | null;
  reason: JkpExitReason | null;
  contract: ContractType | null;
  months: number | null;
};

/** Exit reasons offered, in order. */
export const JKP_REASONS: readonly JkpExitReason[] = [
  'phk',
  'pkwt_terminated_early',
  'pkwt_end_on_date',
  'resign',
  'retire',
  'disability',
];

const WORD_MONTHS: Readonly<Record<string, number>> = {
  'setahun': 12, 'satu tahun': 12, '1 tahun': 12, 'one year': 12, 'a year': 12,
  'dua tahun': 24, '2 tahun': 24, 'two years': 24, 'semua': 24, 'penuh': 24, 'full': 24,
  'tidak ada': 0, 'belum pernah': 0, 'none': 0,
}; // prettier-ignore

/** Exit reasons typed instead of chosen; the more specific patterns first. */
const REASON_WORDS: readonly [RegExp, JkpExitReason][] = [
  [/\b(diputus|putus kontrak|kontrak diputus|sebelum (waktunya|habis))\b/, 'pkwt_terminated_early'],
  [/\b(kontrak (habis|selesai|berakhir)|habis kontrak)\b/, 'pkwt_end_on_date'],
  [/\b(resign|mengundurkan diri|undur diri|keluar sendiri)\b/, 'resign'],
  [/\b(pensiun|retire|retirement)\b/, 'retire'],
  [/\b(cacat)\b/, 'disability'],
  [/\b(phk|di phk|dipecat|laid off|lay off|diberhentikan)\b/, 'phk'],
];

function typedReason(input: Inbound): JkpExitReason | undefined {
  if (input.kind !== 'text') return undefined;
  const folded = fold(input.text);
  return REASON_WORDS.find(([pattern]) => pattern.test(folded))?.[1];
}

const CONTRACT_CHOICES: Readonly<Record<string, ContractType>> = {
  'contract:pkwtt': 'pkwtt',
  'contract:pkwt': 'pkwt',
};

/** "tetap" / "permanen" → PKWTT, "kontrak" / "outsourcing" → PKWT, typed instead of chosen. */
function typedContract(input: Inbound): ContractType | undefined {
  if (input.kind !== 'text') return undefined;
  const folded = fold(input.text);
  if (/\b(pkwtt|tetap|permanen|permanent)\b/.test(folded)) return 'pkwtt';
  if (/\b(pkwt|kontrak|contract|outsourcing|alih daya)\b/.test(folded)) return 'pkwt';
  return undefined;
}

/** Contribution months typed as "14", "14 bulan", "setahun", "2 tahun"; undefined otherwise. */
export function monthsOf(text: string): number | undefined {
  const folded = fold(text)
    .replace(/\b(sekitar|kira kira|kurang lebih|sudah|sdh)\b/g, '')
    .trim();
  const word = WORD_MONTHS[folded];
  if (word !== undefined) return word;
  const m = /^(\d{1,2})(?: ?(?:bulan|bln|bl|months?))?$/.exec(folded);
  return m ? Number(m[1]) : undefined;
}

function resultMessage(ctx: TurnContext, result: JkpResult, contract: ContractType): Outbound[] {
  const note = (code: string) => ctx.t(`jkp-check:note.${code}`, { cap: formatRupiah(JKP_WAGE_CAP) });
  if (!result.eligible) {
    const deadline = result.deadline ? formatDate(result.deadline, ctx.locale) : '';
    const reasons = result.reasons
      .map(
        (reason) => `• ${ctx.t(`jkp-check:why.${reason}`, { min: JKP_MIN_CONTRIBUTION_MONTHS, deadline })}`,
      )
      .join('\n');
    const extra = result.notes.includes('jht_also_claimable') ? [note('jht_also_claimable')] : [];
    return [say.text([ctx.t('jkp-check:not_eligible', { reasons }), ...extra].join('\n\n'))];
  }
  const notes = result.notes.filter((code) => code !== 'needs_5_more_years_membership').map(note);
  const schedule =
    result.rule === 'pp6_2025'
      ? ctx.t('jkp-check:amount', {
          monthly: formatRupiah(result.monthlyBenefit),
          wage: formatRupiah(result.wageUsed),
          total: formatRupiah(result.total),
        })
      : ctx.t('jkp-check:amount_old', {
          first: formatRupiah(result.schedule[0]?.amount ?? 0),
          later: formatRupiah(result.schedule[3]?.amount ?? 0),
          wage: formatRupiah(result.wageUsed),
          total: formatRupiah(result.total),
        });
  return [
    say.text(
      [
        ctx.t('jkp-check:eligible'),
        schedule,
        ctx.t('jkp-check:deadline', {
          date: formatDate(result.deadline, ctx.locale),
          days: result.daysUntilDeadline,
        }),
        ctx.t(contract === 'pkwt' ? 'jkp-check:how_pkwt' : 'jkp-check:how'),
        ...notes,
      ].join('\n\n'),
    ),
  ];
}

/** The JKP eligibility check. */
export const jkpCheckDialog = defineDialog<JkpState>({
  id: 'jkp-check',
  version: 1,
  titleKey: 'jkp-check:title',
  firstStep: 'phk_date',
  start: () => ({ phkDate: null, reason: null, contract: null, months: null }),
  steps: {
    phk_date: {
      prompt: (ctx) => [say.text(ctx.t('jkp-check:ask_phk_date'))],
      receive(ctx, state, input) {
        const parsed = parseDate(input.kind === 'text' ? input.text : '', ctx.now, { complete: 'past' });
        if (!parsed.ok) return step.retry(dateRejection(ctx.t, parsed.reason));
        return step.next('reason', { ...state, phkDate: parsed.date });
      },
    },
    reason: {
      prompt: (ctx) => [
        say.choices(
          ctx.t('jkp-check:ask_reason'),
          JKP_REASONS.map((reason) => ({ id: `jkp:${reason}`, label: ctx.t(`jkp-check:reason.${reason}`) })),
        ),
      ],
      receive(ctx, state, input) {
        const chosen = input.kind === 'choice' ? input.choiceId.replace(/^jkp:/, '') : '';
        const reason = JKP_REASONS.find((r) => r === chosen) ?? typedReason(input);
        if (!reason) return step.retry(ctx.t('jkp-check:reason_invalid'));
        if (reason === 'pkwt_end_on_date' || reason === 'pkwt_terminated_early') {
          return step.next('months', { ...state, reason, contract: 'pkwt' });
        }
        return step.next('contract', { ...state, reason });
      },
    },
    contract: {
      prompt: (ctx) => [
        say.choices(ctx.t('jkp-check:ask_contract'), [
          { id: 'contract:pkwtt', label: ctx.t('jkp-check:contract.pkwtt') },
          { id: 'contract:pkwt', label: ctx.t('jkp-check:contract.pkwt') },
        ]),
      ],
      receive(ctx, state, input) {
        const contract = input.kind === 'choice' ? CONTRACT_CHOICES[input.choiceId] : typedContract(input);
        if (!contract) return step.retry(ctx.t('jkp-check:contract_invalid'));
        return step.next('months', { ...state, contract });
      },
    },
    months: {
      prompt: (ctx) => [say.text(ctx.t('jkp-check:ask_months'))],
      receive(ctx, state, input) {
        const months = input.kind === 'text' ? monthsOf(input.text) : undefined;
        if (months === undefined || months > 24) return step.retry(ctx.t('jkp-check:months_invalid'));
        return step.next('wage', { ...state, months });
      },
    },
    wage: {
      prompt: (ctx) => [say.text(ctx.t('jkp-check:ask_wage'))],
      receive(ctx, state, input) {
        const income = parseIncome(input.kind === 'text' ? input.text : '');
        if (!income.ok) return step.retry(ctx.t(`jkp-check:wage_invalid.${income.reason}`));
        const contract = state.contract ?? 'pkwtt';
        const result = jkpEligibility({
          phkDate: state.phkDate ?? '',
          reason: state.reason ?? 'phk',
          contractType: contract,
          contributionMonthsLast24: state.months ?? 0,
          lastWage: income.amount,
          now: ctx.now,
        });
        return step.end(resultMessage(ctx, result, contract));
      },
    },
  },
});
