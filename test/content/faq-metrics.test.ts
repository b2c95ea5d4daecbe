/**
 * FAQ quality on the real content, through the FAQ service the bot uses: the shared development set and the project's own held-out
 * set (written before tuning) must meet the targets. `npm run eval:faq` prints the misses.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFaqService } from '../../src/content/faq/service.js';
import { DEV_SET, evaluate, formatReport, HELDOUT_SET, readCases } from '../../scripts/eval-faq.js';

const faq = createFaqService();
const index = { search: (question: string) => faq.ask(question) };

describe.each([
  ['development set', DEV_SET],
  ['held-out set', HELDOUT_SET],
])('FAQ retrieval on the %s', (name, path) => {
  it.runIf(existsSync(path))('meets top-1 ≥ 90%, top-3 ≥ 97%, out-of-scope fallback ≥ 90%', () => {
    const report = evaluate(index, readCases(path));
    const summary = formatReport(name, report);
    expect(report.top1, summary).toBeGreaterThanOrEqual(0.9);
    expect(report.top3, summary).toBeGreaterThanOrEqual(0.97);
    expect(report.oosPrecision, summary).toBeGreaterThanOrEqual(0.9);
  });
});
