/**
 * The BPU part of `tanya content check`: strings the form composes at run time must exist.
 */
import { describe, expect, it } from 'vitest';
import { loadLocaleResources } from '../../src/engine/i18n.js';
import { bpuDynamicKeys, checkBpuLocales } from '../../src/dialogs/bpu/locale-check.js';

describe('BPU locale check', () => {
  it('passes on the shipped locale files', () => {
    expect(checkBpuLocales(loadLocaleResources())).toEqual([]);
  });

  it('names the file and key of a missing or empty string', () => {
    const resources = loadLocaleResources();
    const english = { ...(resources.en?.bpu as Record<string, string>) };
    delete english.income_needs_unit;
    english.occ_fisher = ' ';
    const broken = { ...resources, en: { ...resources.en, bpu: english } };
    expect(checkBpuLocales(broken)).toEqual([
      'locales/en/bpu.json: income_needs_unit: missing or empty (used by the BPU registration)',
      'locales/en/bpu.json: occ_fisher: missing or empty (used by the BPU registration)',
    ]);
  });

  it('covers every rejection reason, per-mode question and option label', () => {
    const keys = bpuDynamicKeys();
    expect(keys).toEqual(
      expect.arrayContaining(['nik_invalid_serial', 'ask_city_other', 'occ_other', 'month_12']),
    );
  });
});
