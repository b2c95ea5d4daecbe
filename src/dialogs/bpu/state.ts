/**
 * The BPU registration form's state (plain JSON) and its field order: which fields a mode asks, which
 * are answered, and where an answer leads (the first unanswered field, else the summary).
 */
import { step, type StepResult } from '../../engine/dialog.js';
import type { Outbound } from '../../engine/types.js';
import type { CodedAnswer } from './options.js';

/** A kabupaten/kota as stored in the form. */
export type RegencyRef = { id: string; name: string; province: string };

/** Who is being registered: the user, or a worker the user pays for (SERTAKAN). */
export type BpuMode = 'self' | 'sertakan';

/** JKK + JKM (`basic`) or JKK + JKM + JHT (`jht`). */
export type BpuProgramChoice = 'basic' | 'jht';

/** Everything the form remembers; survives restarts as JSON. */
export type BpuState = {
  /** Stable id of this form instance: the record's idempotency key. */
  formId: string;
  mode: BpuMode | null;
  /** When the user agreed to the data processing (ISO); null until then. */
  consentAt: string | null;
  payerName: string | null;
  /** E.164. */
  payerPhone: string | null;
  relationship: CodedAnswer | null;
  /** 16 digits. */
  nik: string | null;
  name: string | null;
  /** ISO date as typed (checked against the NIK). */
  birthDate: string | null;
  /** E.164. */
  phone: string | null;
  occupation: CodedAnswer | null;
  city: RegencyRef | null;
  /** Monthly income as typed, whole rupiah (may be below the minimum). */
  income: number | null;
  programs: BpuProgramChoice | null;
  /** "Other" was chosen at a coded step: the next text is the user's own words. */
  typingOther: boolean;
  /** An ambiguous place answer and the kabupaten/kota it may mean. */
  cityQuery: string | null;
  cityOptions: RegencyRef[] | null;
  /** The typed birth date disagreed with the NIK: offer to correct the NIK. */
  fixNik: boolean;
  /** At the summary, the user is picking a field to change. */
  picking: boolean;
};

/** The step ids of the form, in order (public contract: they appear in `awaiting.step`). */
export const STEP_ORDER = [
  'mode',
  'consent',
  'payer_name',
  'payer_phone',
  'relationship',
  'nik',
  'name',
  'birthdate',
  'phone',
  'occupation',
  'city',
  'income',
  'programs',
  'confirm',
] as const;
/** A step id of the form. */
export type BpuStep = (typeof STEP_ORDER)[number];

/** A data field: its step, its label key, and whether it holds an answer. */
interface FieldDef {
  step: BpuStep;
  labelKey: string;
  answered(state: BpuState): boolean;
  sertakanOnly?: boolean;
}

/** The data fields, in form order; `discarded` and "change a field" use these. */
export const FIELDS: readonly FieldDef[] = [
  {
    step: 'payer_name',
    labelKey: 'bpu:field_payer_name',
    answered: (s) => s.payerName !== null,
    sertakanOnly: true,
  },
  {
    step: 'payer_phone',
    labelKey: 'bpu:field_payer_phone',
    answered: (s) => s.payerPhone !== null,
    sertakanOnly: true,
  },
  {
    step: 'relationship',
    labelKey: 'bpu:field_relationship',
    answered: (s) => s.relationship !== null,
    sertakanOnly: true,
  },
  { step: 'nik', labelKey: 'bpu:field_nik', answered: (s) => s.nik !== null },
  { step: 'name', labelKey: 'bpu:field_name', answered: (s) => s.name !== null },
  { step: 'birthdate', labelKey: 'bpu:field_birthdate', answered: (s) => s.birthDate !== null },
  { step: 'phone', labelKey: 'bpu:field_phone', answered: (s) => s.phone !== null },
  { step: 'occupation', labelKey: 'bpu:field_occupation', answered: (s) => s.occupation !== null },
  { step: 'city', labelKey: 'bpu:field_city', answered: (s) => s.city !== null },
  { step: 'income', labelKey: 'bpu:field_income', answered: (s) => s.income !== null },
  { step: 'programs', labelKey: 'bpu:field_programs', answered: (s) => s.programs !== null },
];

/** A fresh form. */
export function initialState(formId: string): BpuState {
  return {
    formId,
    mode: null,
    consentAt: null,
    payerName: null,
    payerPhone: null,
    relationship: null,
    nik: null,
    name: null,
    birthDate: null,
    phone: null,
    occupation: null,
    city: null,
    income: null,
    programs: null,
    typingOther: false,
    cityQuery: null,
    cityOptions: null,
    fixNik: false,
    picking: false,
  };
}

/** The fields this form asks, given its mode. */
export function fieldsFor(state: BpuState): FieldDef[] {
  return FIELDS.filter((field) => !field.sertakanOnly || state.mode === 'sertakan');
}

/** Label keys of the answered fields: what a cancel discards. */
export function answeredLabels(state: BpuState): string[] {
  return fieldsFor(state)
    .filter((field) => field.answered(state))
    .map((field) => field.labelKey);
}

/** The step that comes after an answer: mode and consent first, then the first unanswered field, else the summary. */
export function nextStep(state: BpuState): BpuStep {
  if (state.mode === null) return 'mode';
  if (state.consentAt === null) return 'consent';
  return fieldsFor(state).find((field) => !field.answered(state))?.step ?? 'confirm';
}

/**
 * Moves on after a valid answer. Going to the first unanswered field means a change made from the
 * summary returns straight to the summary, and a field cleared by a correction is asked again.
 */
export function advance(state: BpuState, say?: Outbound[]): StepResult<BpuState> {
  return step.next(nextStep(state), state, say);
}
