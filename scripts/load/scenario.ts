/**
 * The scripted conversations of the load harness and the fault tests: an FAQ question, an events
 * search (a shared location where the channel can send one, else a typed place), a full BPU
 * registration and a JHT claim with uploaded files, each included only when its dialog is
 * registered. Steps carry the step the bot should await afterwards, so a run can tell a script that
 * went off the rails from a lost reply.
 */
import { phoneForms, type Secrets, type SecretKind } from './log-scan.js';

/** One thing the simulated user sends. */
export type ScriptInput =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; choiceId: string; label: string }
  | { kind: 'location'; lat: number; lon: number }
  | { kind: 'file'; file: 'pdf' | 'jpeg' };

/** One turn: the input and the step the conversation awaits afterwards (null: nothing). */
export interface ScriptStep {
  input: ScriptInput;
  expect: string | null;
}

/** A scenario of the script, and the record it creates when it completes. */
export interface Scenario {
  name: 'faq' | 'events' | 'bpu-registration' | 'claim';
  steps: ScriptStep[];
  creates?: 'registration' | 'claim';
}

/** What a scenario list depends on. */
export interface ScenarioOptions {
  /** Whether a dialog is registered (`bpu-registration`, `claim`). */
  has(dialog: string): boolean;
  /** The user's number (1-9999), which makes their NIKs and KPJ unique. */
  user: number;
  /** Whether the channel can share a location (Telegram can, Bot Framework cannot). */
  location: boolean;
}

const text = (value: string, expect: string | null): ScriptStep => ({
  input: { kind: 'text', text: value },
  expect,
});
const choice = (choiceId: string, label: string, expect: string | null): ScriptStep => ({
  input: { kind: 'choice', choiceId, label },
  expect,
});
const file = (kind: 'pdf' | 'jpeg', expect: string): ScriptStep => ({
  input: { kind: 'file', file: kind },
  expect,
});

/** What the scripted users type as their name, phone number and bank account. */
export const SCRIPT_PERSON = { name: 'Siti Aminah', phone: '0812-3456-7890', account: '0123456789' } as const;

function serial(user: number): string {
  if (!Number.isInteger(user) || user < 1 || user > 9999) throw new RangeError('user must be 1-9999');
  return String(user).padStart(4, '0');
}

/** A valid NIK for a BPU registration: DKI Jakarta, a woman born 1 January 1990, serial = user. */
export function registrationNik(user: number): string {
  return `317101410190${serial(user)}`;
}

/** A valid NIK for a claim: Jakarta Timur, a woman born 5 June 1990, serial = user. */
export function claimNik(user: number): string {
  return `317502450690${serial(user)}`;
}

/** A claim's KPJ (membership) number: unique per user. */
export function claimKpj(user: number): string {
  return `1234${serial(user).padStart(7, '0')}`;
}

/** The scenarios for one user, in the order they are run. */
export function scenariosFor(options: ScenarioOptions): Scenario[] {
  const scenarios: Scenario[] = [
    { name: 'faq', steps: [text('apa itu jht?', 'question'), text('menu', 'choose')] },
    {
      name: 'events',
      steps: [
        options.location
          ? { input: { kind: 'location', lat: -6.2297, lon: 106.8295 }, expect: 'results' }
          : text('vaksinasi di jaksel minggu ini', 'results'),
        text('menu', 'choose'),
      ],
    },
  ];
  if (options.has('bpu-registration')) {
    scenarios.push({
      name: 'bpu-registration',
      creates: 'registration',
      steps: [
        choice('start:bpu-registration', 'Daftar peserta BPU', 'mode'),
        text('1', 'consent'),
        text('ya', 'nik'),
        text(registrationNik(options.user), 'name'),
        text(SCRIPT_PERSON.name, 'birthdate'),
        text('1 Januari 1990', 'phone'),
        text(SCRIPT_PERSON.phone, 'occupation'),
        text('2', 'city'),
        text('jaksel', 'income'),
        text('2 juta', 'programs'),
        text('2', 'confirm'),
        choice('confirm:register', 'Daftar sekarang', null),
      ],
    });
  }
  if (options.has('claim')) {
    const kpj = claimKpj(options.user);
    scenarios.push({
      name: 'claim',
      creates: 'claim',
      steps: [
        choice('start:claim', 'Klaim JHT online', 'reason'),
        text('resign', 'exit_date'),
        text('60 hari lalu', 'nik'),
        text(claimNik(options.user), 'kpj'),
        text(kpj, 'name'),
        text(SCRIPT_PERSON.name, 'doc_kpj_card'),
        file('jpeg', 'doc_ktp'),
        file('pdf', 'doc_paklaring'),
        file('pdf', 'doc_kk'),
        file('pdf', 'doc_buku_tabungan'),
        file('pdf', 'doc_npwp'),
        text('lewati', 'doc_selfie'),
        file('jpeg', 'bank'),
        text('BRI', 'bank'),
        text(SCRIPT_PERSON.account, 'bank'),
        text(SCRIPT_PERSON.name, 'slot'),
        text('1', 'confirm'),
        choice('confirm:yes', 'Kirim', null),
      ],
    });
  }
  return scenarios;
}

/**
 * Everything personal the first `users` scripted users send, for the log scan: NIKs, KPJ numbers,
 * the phone number in every form, the bank account, the name, and markers of the uploaded files'
 * bytes (as text, base64 or a JSON byte array).
 */
export function scriptSecrets(users: number): Secrets {
  const numbers = new Map<string, SecretKind>();
  for (let user = 1; user <= users; user++) {
    numbers.set(registrationNik(user), 'NIK');
    numbers.set(claimNik(user), 'NIK');
    numbers.set(claimKpj(user), 'KPJ');
  }
  for (const form of phoneForms(SCRIPT_PERSON.phone)) numbers.set(form, 'phone');
  numbers.set(SCRIPT_PERSON.account, 'bank account');
  const texts = new Map<string, SecretKind>([
    [SCRIPT_PERSON.name, 'name'],
    ['%PDF-', 'document'],
    ['JVBERi0', 'document'],
    ['37,80,68,70', 'document'],
    ['/9j/', 'document'],
    ['255,216,255', 'document'],
  ]);
  return { numbers, texts };
}
