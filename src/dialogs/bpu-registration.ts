/**
 * BPU registration in chat (issue 5): an informal worker registers themselves, or a payer registers
 * a worker around them (SERTAKAN). Consent under UU 27/2022 (PDP) comes before any personal data;
 * every answer is checked with the project's rules; the summary shows masked numbers and the
 * estimated contribution, allows changing one field, and registering stores one durable record per
 * form and per NIK.
 *
 * Step ids (public contract, `awaiting.step`): mode, consent, payer_name, payer_phone, relationship,
 * nik, name, birthdate, phone, occupation, city, income, programs, confirm.
 */
import { randomUUID } from 'node:crypto';
import { defineDialog, say, step, type Step, type StepResult, type TurnContext } from '../engine/dialog.js';
import { INTENT_CHOICE } from '../engine/intents.js';
import { fold } from '../nlu/text.js';
import type { Choice } from '../engine/types.js';
import { BPU_MIN_DECLARED_INCOME } from '../rules/bpu-contribution.js';
import { formatRupiah } from '../rules/income.js';
import type { ValidNik } from '../rules/nik.js';
import { choiceField, textField } from './prompts.js';
import {
  birthDateAgrees,
  readBirthDate,
  readIncome,
  readNik,
  readPersonName,
  readPhone,
  storedNik,
} from './bpu/answers.js';
import { resolveRegency } from './bpu/city.js';
import { OCCUPATIONS } from './bpu/occupations.js';
import {
  OTHER,
  optionChoices,
  optionFromAlias,
  optionFromChoice,
  readFreeLabel,
  type CodedAnswer,
  type CodedOption,
} from './bpu/options.js';
import { nikUniqueKey, registrationData, storeRegistration } from './bpu/record.js';
import { RELATIONSHIPS } from './bpu/relationships.js';
import {
  advance,
  answeredLabels,
  fieldsFor,
  initialState,
  type BpuState,
  type BpuStep,
} from './bpu/state.js';
import { contributionFor, summaryText } from './bpu/summary.js';
import { disclosure, type RegistrationDisclosure } from './bpu/lookup.js';

/** The dialog id (also the menu's `start:bpu-registration`). */
export const BPU_REGISTRATION = 'bpu-registration';

type Ctx = TurnContext;

/** `self` or `other`: which wording a question about the participant uses. */
const who = (state: BpuState) => (state.mode === 'sertakan' ? 'other' : 'self');
/** The participant-question key for this form's mode, e.g. `bpu:ask_nik_other`. */
const ask = (ctx: Ctx, state: BpuState, field: string) => ctx.t(`bpu:ask_${field}_${who(state)}`);
const notText = (ctx: Ctx) => ctx.t('bpu:not_text');

/** A coded step (occupation, relationship): choices, aliases, or the user's own words. */
function codedStep(spec: {
  options: readonly CodedOption[];
  prefix: string;
  question(ctx: Ctx, state: BpuState): string;
  typeOtherKey: string;
  invalidKey: string;
  set(state: BpuState, answer: CodedAnswer): BpuState;
}): Step<BpuState> {
  const choose = (state: BpuState, option: CodedOption): StepResult<BpuState> =>
    option.code === OTHER
      ? step.repeat({ ...state, typingOther: true })
      : advance(spec.set({ ...state, typingOther: false }, { code: option.code, text: null }));
  return {
    expects: 'free_text',
    prompt: (ctx, state) =>
      state.typingOther
        ? [say.text(ctx.t(spec.typeOtherKey))]
        : [say.choices(spec.question(ctx, state), optionChoices(spec.options, spec.prefix, ctx.t))],
    receive(ctx, state, input) {
      if (input.kind === 'choice') {
        const option = optionFromChoice(spec.options, spec.prefix, input.choiceId);
        return option ? choose(state, option) : step.retry(ctx.t(spec.invalidKey));
      }
      if (input.kind !== 'text') return step.retry(ctx.t(spec.invalidKey));
      const alias = optionFromAlias(spec.options, input.text);
      if (alias) return choose(state, alias);
      const free = readFreeLabel(input.text);
      if (!free.ok) return step.retry(ctx.t(free.question ? 'bpu:looks_like_question' : spec.invalidKey));
      return advance(spec.set({ ...state, typingOther: false }, { code: OTHER, text: free.text }));
    },
  };
}

const mode = choiceField<BpuState>({
  text: (ctx) => ctx.t('bpu:ask_mode'),
  choices: (ctx) => [
    {
      id: 'mode:self',
      label: ctx.t('bpu:mode_self'),
      synonyms: ['sendiri', 'saya sendiri', 'diri sendiri', 'myself'],
    },
    {
      id: 'mode:sertakan',
      label: ctx.t('bpu:mode_sertakan'),
      synonyms: ['orang lain', 'sertakan', 'someone else'],
    },
  ],
  onChoice: (ctx, state, id) => chooseMode(ctx, state, id.slice('mode:'.length)),
  onText: (ctx, state) => {
    // "mau daftarin ART saya" started the form: it already said whom it is for.
    const reading = ctx.interpretation?.intent;
    const fromRequest =
      reading === 'start_sertakan' ? 'sertakan' : reading === 'start_bpu_registration' ? 'self' : undefined;
    return chooseMode(ctx, state, fromRequest ?? '');
  },
  invalid: (ctx) => ctx.t('bpu:mode_invalid'),
});

function chooseMode(ctx: Ctx, state: BpuState, value: string): StepResult<BpuState> | undefined {
  if (value !== 'self' && value !== 'sertakan') return undefined;
  // Consent names the data of one mode; switching mode (via "kembali") asks for it again.
  const next: BpuState = { ...state, mode: value, consentAt: value === state.mode ? state.consentAt : null };
  return advance(next, value === 'sertakan' ? [say.text(ctx.t('bpu:sertakan_intro'))] : undefined);
}

function answerConsent(
  ctx: Ctx,
  state: BpuState,
  agreed: boolean | undefined,
): StepResult<BpuState> | undefined {
  if (agreed === undefined) return undefined;
  if (!agreed) return step.end([say.text(ctx.t('bpu:consent_refused'))]);
  return advance({ ...state, consentAt: ctx.now.toISOString() });
}

const consent = choiceField<BpuState>({
  text: (ctx, state) => ctx.t(`bpu:ask_consent_${who(state)}`),
  choices: (ctx) => [
    { id: 'consent:yes', label: ctx.t('bpu:consent_yes'), means: 'yes' },
    { id: 'consent:no', label: ctx.t('bpu:consent_no'), means: 'no' },
  ],
  onChoice: (ctx, state, id) =>
    answerConsent(ctx, state, id === 'consent:yes' ? true : id === 'consent:no' ? false : undefined),
  invalid: (ctx) => ctx.t('bpu:consent_invalid'),
});

const payerName = textField<BpuState, string>({
  expects: 'name',
  prompt: (ctx) => [say.text(ctx.t('bpu:ask_payer_name'))],
  parse: (ctx, _state, text) => readPersonName(ctx, text),
  accept: (_ctx, state, payerName) => advance({ ...state, payerName }),
  notText,
});

const payerPhone = textField<BpuState, string>({
  prompt: (ctx) => [say.text(ctx.t('bpu:ask_payer_phone'))],
  parse: (ctx, _state, text) => readPhone(ctx, text),
  accept: (_ctx, state, payerPhone) => advance({ ...state, payerPhone }),
  notText,
});

const relationship = codedStep({
  options: RELATIONSHIPS,
  prefix: 'rel',
  question: (ctx) => ctx.t('bpu:ask_relationship'),
  typeOtherKey: 'bpu:relationship_type_other',
  invalidKey: 'bpu:relationship_invalid',
  set: (state, answer) => ({ ...state, relationship: answer }),
});

const nik = textField<BpuState, ValidNik>({
  prompt: (ctx, state) => [say.text(ask(ctx, state, 'nik'))],
  parse: (ctx, _state, text) => readNik(ctx, text),
  async accept(ctx, state, valid) {
    const holder = await ctx.services.records.findByUniqueKey(nikUniqueKey(valid.nik));
    if (holder) return step.retry(registeredText(ctx, await disclosure(ctx, holder, valid.nik), false));
    const next: BpuState = { ...state, nik: valid.nik, fixNik: false };
    if (next.birthDate && !birthDateAgrees(ctx, next.birthDate, valid).ok) {
      return advance({ ...next, birthDate: null }, [say.text(ctx.t('bpu:nik_changed_birthdate'))]);
    }
    return advance(next);
  },
  notText,
});

const name = textField<BpuState, string>({
  expects: 'name',
  prompt: (ctx, state) => [say.text(ask(ctx, state, 'name'))],
  parse: (ctx, _state, text) => readPersonName(ctx, text),
  accept: (_ctx, state, value) => advance({ ...state, name: value }),
  notText,
});

const FIX_NIK = 'bpu:fix_nik';

const birthdate = textField<BpuState, string>({
  prompt: (ctx, state) =>
    state.fixNik
      ? [say.choices(ask(ctx, state, 'birthdate'), [{ id: FIX_NIK, label: ctx.t('bpu:fix_nik') }])]
      : [say.text(ask(ctx, state, 'birthdate'))],
  parse: (ctx, _state, text) => readBirthDate(ctx, text),
  accept(ctx, state, birthDate) {
    const valid = state.nik ? storedNik(state.nik, ctx.now) : undefined;
    if (!valid) return step.next('nik', { ...state, nik: null });
    const agrees = birthDateAgrees(ctx, birthDate, valid);
    // A mismatch may be the NIK's fault: the reprompt offers to correct the NIK instead.
    if (!agrees.ok) return step.retry(agrees.error, { ...state, fixNik: true });
    return advance({ ...state, birthDate, fixNik: false });
  },
  choice: (_ctx, state, choiceId) =>
    choiceId === FIX_NIK ? step.next('nik', { ...state, birthDate: null, fixNik: false }) : undefined,
  notText,
});

const phone = textField<BpuState, string>({
  prompt: (ctx, state) => [say.text(ask(ctx, state, 'phone'))],
  parse: (ctx, _state, text) => readPhone(ctx, text),
  accept: (_ctx, state, value) => advance({ ...state, phone: value }),
  notText,
});

const occupation = codedStep({
  options: OCCUPATIONS,
  prefix: 'occ',
  question: (ctx, state) => ask(ctx, state, 'occupation'),
  typeOtherKey: 'bpu:occupation_type_other',
  invalidKey: 'bpu:occupation_invalid',
  set: (state, answer) => ({ ...state, occupation: answer }),
});

const CITY_NONE = 'city:none';

const city: Step<BpuState> = {
  prompt(ctx, state) {
    if (!state.cityOptions) return [say.text(ask(ctx, state, 'city'))];
    const choices: Choice[] = state.cityOptions.map((option) => ({
      id: `city:${option.id}`,
      label: `${option.name} (${option.province})`,
    }));
    choices.push({ id: CITY_NONE, label: ctx.t('bpu:city_none') });
    return [say.choices(ctx.t('bpu:city_ambiguous', { text: state.cityQuery ?? '' }), choices)];
  },
  receive(ctx, state, input) {
    const cleared = { ...state, cityOptions: null, cityQuery: null };
    if (input.kind === 'choice') {
      if (input.choiceId === CITY_NONE) return step.repeat(cleared);
      const chosen = state.cityOptions?.find((option) => `city:${option.id}` === input.choiceId);
      return chosen ? advance({ ...cleared, city: chosen }) : step.retry(ctx.t('bpu:city_pick'));
    }
    if (input.kind !== 'text') return step.retry(notText(ctx));
    const text = input.text.trim().slice(0, 80);
    const result = resolveRegency(text);
    switch (result.status) {
      case 'found':
        return advance(
          { ...cleared, city: result.regency },
          result.district
            ? [say.text(ctx.t('bpu:city_district', { district: result.district, city: result.regency.name }))]
            : undefined,
        );
      case 'province':
        return step.retry(ctx.t('bpu:city_province_only', { province: result.province }), cleared);
      case 'ambiguous':
        return step.repeat({ ...state, cityQuery: text, cityOptions: result.options });
      case 'unknown':
        return step.retry(ctx.t('bpu:city_unknown', { text }), cleared);
    }
  },
};

const income = textField<BpuState, number>({
  prompt: (ctx, state) => [say.text(ask(ctx, state, 'income'))],
  parse: (ctx, _state, text) => readIncome(ctx, text),
  accept(ctx, state, value) {
    const next = { ...state, income: value };
    if (value >= BPU_MIN_DECLARED_INCOME) return advance(next);
    const explanation = ctx.t('bpu:income_raised', {
      typed: formatRupiah(value),
      minimum: formatRupiah(BPU_MIN_DECLARED_INCOME),
    });
    return advance(next, [say.text(explanation)]);
  },
  notText,
});

const programs = choiceField<BpuState>({
  text: (ctx, state) =>
    ctx.t('bpu:ask_programs', {
      income: formatRupiah(contributionFor(state.income ?? 0, 'basic').declaredIncome),
    }),
  choices: (ctx, state) =>
    (['basic', 'jht'] as const).map((choice) => ({
      id: `prog:${choice}`,
      label: ctx.t(`bpu:prog_${choice}`, {
        total: formatRupiah(contributionFor(state.income ?? 0, choice).total),
      }),
    })),
  onChoice: (_ctx, state, id) =>
    id === 'prog:basic' || id === 'prog:jht'
      ? advance({ ...state, programs: id === 'prog:jht' ? 'jht' : 'basic' })
      : undefined,
  onText(_ctx, state, text) {
    const folded = fold(text);
    if (/\b(tanpa|tidak|gak|ga|without|no)\b.*\bjht\b/.test(folded))
      return advance({ ...state, programs: 'basic' });
    if (/\bjht\b/.test(folded)) return advance({ ...state, programs: 'jht' });
    return undefined;
  },
  invalid: (ctx) => ctx.t('bpu:programs_invalid'),
});

/** What the form says about a NIK already registered: the reference only to its own registrant. */
function registeredText(ctx: Ctx, told: RegistrationDisclosure, atConfirmation: boolean): string {
  if (told.kind === 'withheld') return ctx.t('bpu:nik_lookup_withheld');
  if (told.kind === 'someone_else')
    return ctx.t(atConfirmation ? 'bpu:nik_registered_final_other' : 'bpu:nik_registered_other');
  return ctx.t(atConfirmation ? 'bpu:nik_registered_final' : 'bpu:nik_registered', {
    reference: told.reference,
  });
}

const REGISTER = 'confirm:register';
const EDIT = 'confirm:edit';
const EDIT_NONE = 'edit:none';

/** Stores the registration and says the reference, how to pay and what happens next. */
async function register(ctx: Ctx, state: BpuState): Promise<StepResult<BpuState>> {
  const valid = state.nik ? storedNik(state.nik, ctx.now) : undefined;
  if (!valid) return step.next('nik', { ...state, nik: null });
  const data = registrationData(ctx, state, valid.sex);
  const result = await storeRegistration(ctx, state, data);
  if (result.status === 'duplicate') {
    const told = await disclosure(ctx, result.record, valid.nik);
    return step.end([say.text(registeredText(ctx, told, true))]);
  }
  const vars = {
    reference: result.record.id,
    total: formatRupiah(data.contribution.total),
    nikEnd: data.nik.slice(-4),
  };
  return step.end([
    say.text(ctx.t(`bpu:done_${who(state)}`, vars)),
    say.text(ctx.t('bpu:payment', vars)),
    say.text(ctx.t('bpu:next_steps', vars)),
  ]);
}

const confirm: Step<BpuState> = {
  prompt(ctx, state) {
    if (state.picking) {
      const fields: Choice[] = fieldsFor(state).map((field) => ({
        id: `edit:${field.step}`,
        label: ctx.t(field.labelKey),
      }));
      return [
        say.choices(ctx.t('bpu:pick_field'), [...fields, { id: EDIT_NONE, label: ctx.t('bpu:edit_none') }]),
      ];
    }
    return [
      say.choices(summaryText(ctx, state), [
        {
          id: REGISTER,
          label: ctx.t('bpu:confirm_register'),
          means: 'yes',
          synonyms: ['daftar', 'daftarkan', 'daftar sekarang', 'sudah benar', 'benar', 'register'],
        },
        {
          id: EDIT,
          label: ctx.t('bpu:confirm_edit'),
          synonyms: ['ubah', 'ganti', 'edit', 'perbaiki', 'koreksi', 'ada yang salah', 'change'],
        },
        { id: INTENT_CHOICE.cancel, label: ctx.t('bpu:confirm_cancel') },
      ]),
    ];
  },
  async receive(ctx, state, input) {
    const choiceId = input.kind === 'choice' ? input.choiceId : undefined;
    if (choiceId === REGISTER && !state.picking) return register(ctx, state);
    if (choiceId === EDIT) return step.repeat({ ...state, picking: true });
    if (choiceId === EDIT_NONE) return step.repeat({ ...state, picking: false });
    const field = fieldsFor(state).find((candidate) => `edit:${candidate.step}` === choiceId);
    if (field) {
      return step.next(field.step, {
        ...state,
        picking: false,
        typingOther: false,
        cityOptions: null,
        cityQuery: null,
        fixNik: false,
      });
    }
    return step.retry(ctx.t(state.picking ? 'bpu:pick_field_invalid' : 'bpu:confirm_invalid'));
  },
};

const steps: Record<BpuStep, Step<BpuState>> = {
  mode,
  consent,
  payer_name: payerName,
  payer_phone: payerPhone,
  relationship,
  nik,
  name,
  birthdate,
  phone,
  occupation,
  city,
  income,
  programs,
  confirm,
};

/** The BPU registration form (with SERTAKAN). */
export const bpuRegistrationDialog = defineDialog<BpuState>({
  id: BPU_REGISTRATION,
  version: 1,
  titleKey: 'bpu:title',
  form: true,
  firstStep: 'mode',
  start: () => initialState(randomUUID()),
  discarded: answeredLabels,
  steps,
});
