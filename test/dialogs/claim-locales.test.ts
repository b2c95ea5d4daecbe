/**
 * The content check knows every string the claim, claim-status and jkp-check dialogs compose at
 * run time, in both languages.
 */
import { describe, expect, it } from 'vitest';
import { checkClaimLocales, claimDynamicKeys } from '../../src/claims/locale-check.js';
import { loadLocaleResources } from '../../src/engine/i18n.js';

describe('claim locale check', () => {
  it('finds every run-time key in both languages', () => {
    expect(checkClaimLocales(loadLocaleResources())).toEqual([]);
    expect(claimDynamicKeys().claim).toContain('doc.heir_kk');
    expect(claimDynamicKeys()['claim-status']).toContain('next.needs_documents');
  });

  it('names the file and key of a missing string', () => {
    const resources = structuredClone(loadLocaleResources());
    const claim = resources.en?.claim as { doc: Record<string, string> };
    delete claim.doc.npwp;
    (resources.id?.['jkp-check'] as { why: Record<string, string> }).why.resigned = ' ';
    expect(checkClaimLocales(resources)).toEqual([
      'locales/id/jkp-check.json: why.resigned: missing or empty',
      'locales/en/claim.json: doc.npwp: missing or empty',
    ]);
  });
});
