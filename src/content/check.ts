/**
 * `tanya content check`: validates every content file and returns the problems, each naming its file
 * and field. Nothing here throws for bad content.
 */
import { loadLocaleResources } from '../engine/i18n.js';
import { checkEventsFile } from './events/check.js';
import { checkBpuLocales } from '../dialogs/bpu/locale-check.js';
import { checkClaimLocales } from '../claims/locale-check.js';
import { checkNluContent } from '../nlu/content.js';

/** Keys present in one locale's namespace but missing in the other's, as readable problems. */
function localeParity(): string[] {
  const problems: string[] = [];
  let resources;
  try {
    resources = loadLocaleResources();
  } catch (error) {
    return [(error as Error).message];
  }
  const id = resources.id ?? {};
  const en = resources.en ?? {};
  const flatten = (value: unknown, prefix = ''): string[] =>
    value && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, inner]) => flatten(inner, prefix ? `${prefix}.${key}` : key))
      : [prefix];
  for (const ns of new Set([...Object.keys(id), ...Object.keys(en)])) {
    const idKeys = new Set(flatten(id[ns]));
    const enKeys = new Set(flatten(en[ns]));
    for (const key of idKeys)
      if (!enKeys.has(key)) problems.push(`locales/en/${ns}.json: ${key}: missing (present in id)`);
    for (const key of enKeys)
      if (!idKeys.has(key)) problems.push(`locales/id/${ns}.json: ${key}: missing (present in en)`);
  }
  return problems;
}

/**
 * Missing strings that dialogs compose at run time: the BPU registration form
 * (src/dialogs/bpu/locale-check.ts) and the claim, claim-status and jkp-check dialogs
 * (src/claims/locale-check.ts).
 */
function runtimeStringProblems(): string[] {
  let resources;
  try {
    resources = loadLocaleResources();
  } catch {
    return []; // unreadable locale files are already reported by localeParity()
  }
  return [...checkBpuLocales(resources), ...checkClaimLocales(resources)];
}

/** Every problem in the project's content; empty when all is well. */
export function checkContent(): string[] {
  const nlu = checkNluContent().problems.map((problem) => `src/content/${problem}`);
  return [...localeParity(), ...checkEventsFile(), ...runtimeStringProblems(), ...nlu];
}
