/**
 * `tanya nlu --json` and `tanya nlu score`, run as the real command.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTanya } from '../helpers/tanya.js';
import { INTENT_LABELS } from '../../src/nlu/labels.js';

describe('tanya nlu', () => {
  it('prints one JSON line per input line, in context, and an error line for a bad one', async () => {
    const input = [
      JSON.stringify({ text: 'iya boleh', context: 'offer' }),
      JSON.stringify({ text: 'ga jadi deh', context: 'form_step' }),
      'not json',
      JSON.stringify({ text: 'syarat klaim jht apa aja kak' }),
      JSON.stringify({ text: 'x', context: 'somewhere' }),
    ].join('\n');
    const run = await runTanya(['nlu', '--json'], `${input}\n`);
    expect(run.code).toBe(0);
    const lines = run.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ intent: 'affirm', topic: null, lang: 'id' });
    expect(lines[1]).toMatchObject({ intent: 'cancel' });
    expect(lines[2]).toEqual({ error: 'not valid JSON' });
    expect(lines[3]).toMatchObject({ intent: 'faq', topic: 'jht-syarat-klaim' });
    expect(String(lines[4]?.error)).toMatch(/^context: /);
    for (const line of [lines[0], lines[1], lines[3]]) {
      expect(Object.keys(line ?? {})).toEqual(['intent', 'confidence', 'topic', 'candidates', 'lang']);
      const candidates = line?.candidates as { intent: string; topic: string | null; score: number }[];
      expect(candidates.length).toBeGreaterThan(0);
      for (const c of candidates) expect(INTENT_LABELS).toContain(c.intent);
    }
  });

  it('scores a labelled file: overall, per intent, per context, confused pairs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tanya-nlu-score-'));
    const file = join(dir, 'set.jsonl');
    writeFileSync(
      file,
      [
        { text: 'halo kak', intent: 'greet', lang: 'id', context: 'idle' },
        { text: 'makasih banyak', intent: 'thanks', lang: 'id', context: 'idle' },
        { text: 'gak usah', intent: 'deny', lang: 'id', context: 'offer' },
        { text: 'resep rendang', intent: 'greet', lang: 'id', context: 'idle' },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const run = await runTanya(['nlu', 'score', file, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.lines[0] ?? '{}') as {
      overall: { total: number; correct: number };
      byContext: Record<string, { total: number }>;
      confused: { expected: string; predicted: string; count: number }[];
    };
    expect(report.overall).toMatchObject({ total: 4, correct: 3 });
    expect(report.byContext.offer?.total).toBe(1);
    expect(report.confused).toEqual([{ expected: 'greet', predicted: 'out_of_scope', count: 1 }]);
    const text = await runTanya(['nlu', 'score', file]);
    expect(text.stdout).toMatch(/^overall: 75\.0% \(3\/4\)/);
  });

  it('names the file, line and field of a bad labelled line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tanya-nlu-score-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ text: 'halo', intent: 'greet' })}\n${JSON.stringify({ text: 'x', intent: 'nope' })}\n`,
    );
    const run = await runTanya(['nlu', 'score', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:2: intent: `);
  });
});
