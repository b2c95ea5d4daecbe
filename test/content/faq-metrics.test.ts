/**
 * FAQ quality on the real content, through the FAQ service the bot uses: the project's own held-out
 * set (written before tuning) must meet the targets. The shared development set is for the
 * evaluation scripts only (`npm run eval:faq`, `npm run eval:nlu`), never for the test suite, so a
 * plain clone tests the same thing as CI.
 */
import { describe, expect, it } from 'vitest';
import { createFaqService } from '../../src/content/faq/service.js';
import { evaluate, formatReport, HELDOUT_SET, readCases } from '../../scripts/eval-faq.js';

const faq = createFaqService();
const index = { search: (question: string) => faq.ask(question) };

describe.each([['held-out set', HELDOUT_SET]])('FAQ retrieval on the %s', (name, path) => {
  it('meets top-1 ≥ 90%, top-3 ≥ 97%, out-of-scope fallback ≥ 90%', () => {
    const report = evaluate(index, readCases(path));
    const summary = formatReport(name, report);
    expect(report.top1, summary).toBeGreaterThanOrEqual(0.9);
    expect(report.top3, summary).toBeGreaterThanOrEqual(0.97);
    expect(report.oosPrecision, summary).toBeGreaterThanOrEqual(0.9);
  });
});
