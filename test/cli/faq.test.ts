/**
 * `tanya faq --json`: the FAQ's decision and candidates, a public contract, through the language
 * understanding.
 */
import { describe, expect, it } from 'vitest';
import { runTanya } from '../helpers/tanya.js';

describe('tanya faq --json', () => {
  it('prints the decision and scored candidates for each stdin line', async () => {
    const run = await runTanya(
      ['faq', '--json'],
      'syarat klaim jht apa aja kak\nresep rendang padang dong\nsaya mau daftarkan pembantu saya jadi peserta\n',
    );
    expect(run.code).toBe(0);
    const [answer, fallback, request] = run.lines.map(
      (line) =>
        JSON.parse(line) as { q: string; decision: string; candidates: { id: string; score: number }[] },
    );
    expect(answer).toMatchObject({ q: 'syarat klaim jht apa aja kak', decision: 'answer' });
    expect(answer?.candidates[0]?.id).toBe('jht-syarat-klaim');
    for (const c of answer?.candidates ?? []) expect(c.score).toBeGreaterThanOrEqual(0);
    expect(fallback).toEqual({ q: 'resep rendang padang dong', decision: 'fallback', candidates: [] });
    // A request to do something, asked of the FAQ, is answered by the request's own topic.
    expect(request?.decision).toBe('answer');
    expect(request?.candidates[0]?.id).toBe('sertakan');
  });

  it('takes one question as arguments and rejects output other than JSON', async () => {
    const run = await runTanya(['faq', '--json', '--lang', 'en', 'how', 'is', 'JHT', 'taxed']);
    const line = JSON.parse(run.lines[0] ?? '{}') as { decision: string; candidates: { id: string }[] };
    expect(line.decision).toBe('answer');
    expect(line.candidates[0]?.id).toBe('jht-pajak');
    const bad = await runTanya(['faq', 'apa itu jht']);
    expect(bad.code).toBe(2);
  });
});
