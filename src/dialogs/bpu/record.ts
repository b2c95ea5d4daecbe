/**
 * The durable registration record: its data shape (validated with zod before it is written), the
 * NIK's unique key, and the call that stores it idempotently.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { TurnContext } from '../../engine/dialog.js';
import type { CreateResult } from '../../store/records.js';
import { contributionFor } from './summary.js';
import type { BpuState } from './state.js';

const Coded = z.object({ code: z.string(), text: z.string().nullable() });

/**
 * `data` of a `registration` record. The NIK is stored in full because it is the payment code; it
 * and the phone numbers leave the store masked (see `tanya records list`).
 */
export const RegistrationData = z.object({
  mode: z.enum(['self', 'sertakan']),
  nik: z.string().regex(/^\d{16}$/),
  name: z.string().min(1),
  birthDate: z.iso.date(),
  sex: z.enum(['F', 'M']),
  phone: z.string().regex(/^\+62\d{8,13}$/),
  occupation: Coded,
  city: z.object({ id: z.string(), name: z.string(), province: z.string() }),
  /** Monthly income as declared by the user. */
  income: z.number().int().positive(),
  /** The income the contribution is based on (raised to Rp1,000,000 when lower). */
  declaredIncome: z.number().int().positive(),
  programs: z.array(z.enum(['JKK', 'JKM', 'JHT'])),
  /** Estimated monthly contribution by program and in total, whole rupiah. */
  contribution: z.object({
    JKK: z.number().int(),
    JKM: z.number().int(),
    JHT: z.number().int().optional(),
    total: z.number().int(),
    estimate: z.literal(true),
  }),
  payer: z.object({ name: z.string(), phone: z.string(), relationship: Coded }).optional(),
  consentAt: z.string(),
  locale: z.enum(['id', 'en']),
});
/** `data` of a `registration` record. */
export type RegistrationData = z.infer<typeof RegistrationData>;

/** The unique key that stops one NIK from being registered twice (a hash, so the key itself is not the NIK). */
export function nikUniqueKey(nik: string): string {
  return `nik:${createHash('sha256').update(nik).digest('hex')}`;
}

/** Builds and validates the record data of a complete form; throws on an incomplete one (a bug). */
export function registrationData(ctx: TurnContext, state: BpuState, sex: 'F' | 'M'): RegistrationData {
  if (state.income === null || state.programs === null) throw new Error('registration form is incomplete');
  const contribution = contributionFor(state.income, state.programs);
  const amounts = Object.fromEntries(contribution.lines.map((line) => [line.program, line.amount]));
  return RegistrationData.parse({
    mode: state.mode,
    nik: state.nik,
    name: state.name,
    birthDate: state.birthDate,
    sex,
    phone: state.phone,
    occupation: state.occupation,
    city: state.city,
    income: state.income,
    declaredIncome: contribution.declaredIncome,
    programs: contribution.lines.map((line) => line.program),
    contribution: { ...amounts, total: contribution.total, estimate: true },
    ...(state.mode === 'sertakan'
      ? { payer: { name: state.payerName, phone: state.payerPhone, relationship: state.relationship } }
      : {}),
    consentAt: state.consentAt,
    locale: ctx.locale,
  });
}

/** Stores the registration once per form (idempotency key) and once per NIK (unique key). */
export function storeRegistration(
  ctx: TurnContext,
  state: BpuState,
  data: RegistrationData,
): Promise<CreateResult> {
  return ctx.services.records.create(
    {
      type: 'registration',
      prefix: 'BPU',
      status: 'registered',
      conversation: ctx.address,
      idempotencyKey: `bpu-registration:${state.formId}`,
      uniqueKeys: [nikUniqueKey(data.nik)],
      data,
    },
    ctx.now,
  );
}
