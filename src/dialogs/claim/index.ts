/**
 * `claim`: a LAPAK ASIK-style JHT claim in chat. Steps (public contract): `reason`, `exit_date`
 * (resignation, PHK, end of contract), `nik`, `kpj` (optional), `name`, one `doc_<type>` per required
 * document, `bank`, `slot`, `confirm`. The result is a claim record `LA-YYYYMMDD-XXXXXX` with status
 * `submitted`.
 */
import { defineDialog } from '../../engine/dialog.js';
import { bankStep } from './bank.js';
import { confirmStep } from './confirm.js';
import { documentSteps } from './documents.js';
import { exitDateStep, kpjStep, nameStep, nikStep, reasonStep } from './identity.js';
import { slotStep } from './slot.js';
import { initialState, type ClaimState } from './state.js';

/** The claim form. */
export const claimDialog = defineDialog<ClaimState>({
  id: 'claim',
  version: 1,
  titleKey: 'claim:title',
  form: true,
  firstStep: 'reason',
  start: (ctx) => initialState(ctx.now),
  discarded(state) {
    const fields: string[] = [];
    if (state.reason) fields.push('claim:field.reason');
    if (state.nik) fields.push('claim:field.nik');
    if (state.name) fields.push('claim:field.name');
    if (state.documents.length) fields.push('claim:field.documents');
    if (state.account) fields.push('claim:field.bank');
    return fields;
  },
  steps: {
    reason: reasonStep,
    exit_date: exitDateStep,
    nik: nikStep,
    kpj: kpjStep,
    name: nameStep,
    ...documentSteps(),
    bank: bankStep,
    slot: slotStep,
    confirm: confirmStep,
  },
});
