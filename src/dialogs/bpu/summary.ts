/**
 * What the form shows before registering: the answers (NIK and phone numbers masked) and the
 * estimated monthly contribution, line by line.
 */
import type { TurnContext } from '../../engine/dialog.js';
import { bpuContribution, type BpuContribution } from '../../rules/bpu-contribution.js';
import { formatRupiah } from '../../rules/income.js';
import { maskNik } from '../../rules/nik.js';
import { maskPhone } from '../../rules/phone.js';
import { answerLabel } from './options.js';
import { OCCUPATIONS } from './occupations.js';
import { RELATIONSHIPS } from './relationships.js';
import type { BpuProgramChoice, BpuState } from './state.js';

/** The contribution for an income and a program choice. */
export function contributionFor(income: number, programs: BpuProgramChoice): BpuContribution {
  return bpuContribution({ income, programs: programs === 'jht' ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'] });
}

/** `1 Januari 1990` / `1 January 1990`. */
export function formatBirthDate(ctx: TurnContext, iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return `${day} ${ctx.t(`bpu:month_${month}`)} ${year}`;
}

/** The breakdown: one line per program, the total, and the "estimate" caveat. */
export function contributionText(ctx: TurnContext, contribution: BpuContribution): string {
  const lines = contribution.lines.map((line) =>
    ctx.t(`bpu:line_${line.program.toLowerCase()}`, { amount: formatRupiah(line.amount) }),
  );
  return [
    ctx.t('bpu:contribution_title', { income: formatRupiah(contribution.declaredIncome) }),
    ...lines,
    ctx.t('bpu:contribution_total', { total: formatRupiah(contribution.total) }),
    ctx.t('bpu:contribution_estimate'),
  ].join('\n');
}

/** The summary of every answer, ready for the confirm step (requires a complete form). */
export function summaryText(ctx: TurnContext, state: BpuState): string {
  const row = (key: string, value: string) => `- ${ctx.t(key)}: ${value}`;
  const rows: string[] = [];
  if (state.mode === 'sertakan') {
    rows.push(ctx.t('bpu:summary_payer'));
    rows.push(row('bpu:field_payer_name', state.payerName ?? '-'));
    rows.push(row('bpu:field_payer_phone', state.payerPhone ? maskPhone(state.payerPhone) : '-'));
    rows.push(
      row(
        'bpu:field_relationship',
        state.relationship ? answerLabel(RELATIONSHIPS, state.relationship, ctx.t) : '-',
      ),
    );
    rows.push('', ctx.t('bpu:summary_participant'));
  }
  rows.push(row('bpu:field_nik', state.nik ? maskNik(state.nik) : '-'));
  rows.push(row('bpu:field_name', state.name ?? '-'));
  rows.push(row('bpu:field_birthdate', state.birthDate ? formatBirthDate(ctx, state.birthDate) : '-'));
  rows.push(row('bpu:field_phone', state.phone ? maskPhone(state.phone) : '-'));
  rows.push(
    row('bpu:field_occupation', state.occupation ? answerLabel(OCCUPATIONS, state.occupation, ctx.t) : '-'),
  );
  rows.push(row('bpu:field_city', state.city ? `${state.city.name}, ${state.city.province}` : '-'));
  rows.push(row('bpu:field_income', state.income !== null ? formatRupiah(state.income) : '-'));
  rows.push(row('bpu:field_programs', state.programs ? ctx.t(`bpu:programs_${state.programs}`) : '-'));
  const parts = [ctx.t('bpu:summary_title'), rows.join('\n')];
  if (state.income !== null && state.programs) {
    parts.push(contributionText(ctx, contributionFor(state.income, state.programs)));
  }
  return parts.join('\n\n');
}
