/**
 * The load harness in short (50 users) inside `npm test`: every reply arrives exactly once and in
 * order, through the Telegram webhook and the Bot Framework endpoint on Redis, with duplicated and
 * interleaved deliveries, every registration and claim is stored exactly once, and the server's
 * log holds none of the personal data the users sent. Only counts are asserted; speed belongs to
 * `npm run load` and docs/performance.md.
 */
import { describe, expect, it } from 'vitest';
import { formatReport, loadPassed, runLoad } from '../../scripts/load/harness.js';

describe('short load run', () => {
  it(
    '50 users: no lost, duplicated or reordered reply, no apology, every record once',
    { timeout: 180_000 },
    async () => {
      const report = await runLoad({ users: 50, duplicateRate: 0.1, seed: 7, logLevel: 'debug' });
      const summary = formatReport(report);
      expect(report.scenarios, summary).toEqual(expect.arrayContaining(['faq', 'events']));
      expect(report.duplicatesSent, summary).toBeGreaterThan(0);
      expect(report.replies.received, summary).toBe(report.replies.expected);
      expect(report.lostReplies, summary).toBe(0);
      expect(report.duplicateReplies, summary).toBe(0);
      expect(report.outOfOrderReplies, summary).toBe(0);
      expect(report.apologies, summary).toBe(0);
      // The server's whole log output was read (at debug level: a line per turn at least) and holds
      // no NIK, phone number, KPJ, account number, name or file bytes.
      expect(report.log.lines, summary).toBeGreaterThan(report.turns);
      expect(report.log.leaks, summary).toBe(0);
      expect(report.httpErrors, summary).toBe(0);
      expect(report.divergences, summary).toBe(0);
      expect(report.records.duplicated, summary).toBe(0);
      for (const [type, count] of Object.entries(report.records.expected)) {
        expect(report.records.created[type], `${type}\n${summary}`).toBe(count);
      }
      expect(loadPassed(report)).toBe(true);
    },
  );
});
