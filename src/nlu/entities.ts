/**
 * Entities found in a message: a NIK, a phone number, a ticket or registration reference, a language
 * named ("english", "bahasa indonesia"), an amount of money, a date and plain numbers. Each is reported with the exact text it came from; steps still
 * validate what they keep (`rules/nik.ts`, `rules/phone.ts`, `rules/income.ts`, `rules/dates.ts`).
 */

/** One entity and the text it was read from. */
export type Entity =
  | { type: 'nik'; text: string; value: string }
  | { type: 'phone'; text: string; value: string }
  | { type: 'ticket'; text: string; value: string }
  | { type: 'money'; text: string; value: number }
  | { type: 'date'; text: string; value: string }
  | { type: 'language'; text: string; value: 'id' | 'en' }
  | { type: 'number'; text: string; value: number };

const NIK = /(?<!\d)(\d{16})(?!\d)/g;
const PHONE = /(?<![\d+])((?:\+?62|0)8\d{1,3}[-\s]?\d{3,4}[-\s]?\d{3,5})(?!\d)/g;
const TICKET = /\b((?:LA|BPU|SRT)-?\d{8}-?[A-Z0-9]{6})\b/gi;
const MONEY = /(?:\brp\.?\s*|\bidr\s*)?(\d+(?:[.,]\d+)*)\s*(rb|ribu|k|jt|juta|m|miliar)?\b/gi;
const DATE = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/g;

const LANGUAGE =
  /\b(english|inggris|inggeris|engl?ish|eng|indonesia|indonesian|indo|bahasa indonesia|bhs indonesia|melayu)\b/gi;

const UNIT: Record<string, number> = { rb: 1e3, ribu: 1e3, k: 1e3, jt: 1e6, juta: 1e6, m: 1e6, miliar: 1e9 };

function amount(digits: string, unit: string | undefined): number {
  if (unit) return Math.round(Number(digits.replace(',', '.')) * (UNIT[unit.toLowerCase()] ?? 1));
  return Number(digits.replace(/[.,](?=\d{3}(?:\D|$))/g, '').replace(',', '.'));
}

/** Every entity in `text`, in order of appearance. */
export function extractEntities(text: string): Entity[] {
  const found: { at: number; entity: Entity }[] = [];
  const taken: [number, number][] = [];
  const free = (start: number, end: number) => !taken.some(([s, e]) => start < e && end > s);
  const take = (m: RegExpExecArray, entity: Entity) => {
    if (!free(m.index, m.index + m[0].length)) return;
    taken.push([m.index, m.index + m[0].length]);
    found.push({ at: m.index, entity });
  };
  for (const m of text.matchAll(TICKET)) {
    const raw = (m[1] as string).toUpperCase().replace(/^(LA|BPU|SRT)-?(\d{8})-?/, '$1-$2-');
    take(m, { type: 'ticket', text: m[0], value: raw });
  }
  for (const m of text.matchAll(NIK)) take(m, { type: 'nik', text: m[0], value: m[1] as string });
  for (const m of text.matchAll(PHONE)) {
    const digits = (m[1] as string).replace(/\D/g, '').replace(/^0/, '62');
    take(m, { type: 'phone', text: m[0], value: `+${digits}` });
  }
  for (const m of text.matchAll(DATE)) {
    const year = (m[3] as string).length === 2 ? `20${m[3]}` : (m[3] as string);
    const value = `${year}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
    take(m, { type: 'date', text: m[0], value });
  }
  for (const m of text.matchAll(LANGUAGE)) {
    const word = (m[1] as string).toLowerCase();
    const value =
      /^(english|inggris|inggeris|englsh|eng)$/.test(word) || word.startsWith('eng') ? 'en' : 'id';
    take(m, { type: 'language', text: m[0], value });
  }
  for (const m of text.matchAll(MONEY)) {
    const isMoney = /^(rp|idr)/i.test(m[0]) || m[2] !== undefined;
    const value = amount(m[1] as string, m[2]);
    if (!Number.isFinite(value)) continue;
    take(m, isMoney ? { type: 'money', text: m[0].trim(), value } : { type: 'number', text: m[0], value });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.entity);
}
