/**
 * `tanya chat --json` run as a real process, as an operator or a script would.
 */
import { describe, expect, it } from 'vitest';
import { runTanya } from '../helpers/tanya.js';

describe('tanya chat --json', () => {
  it('prints one JSON line per input; the second has the main menu choices', async () => {
    const { lines, code } = await runTanya(['chat', '--json'], '{"text":"halo"}\n{"text":"menu"}\n');
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    const second = JSON.parse(lines[1] as string);
    expect(second.awaiting).toEqual({ dialog: 'menu', step: 'choose' });
    const choices = second.replies.find((reply: { kind: string }) => reply.kind === 'choices');
    expect(choices.choices.map((choice: { id: string }) => choice.id)).toContain('intent:agent');
  });

  it('answers an invalid line with an error and keeps the session going', async () => {
    const { lines } = await runTanya(
      ['chat', '--json'],
      '{"text":"halo"}\nnot json\n{"location":{"lat":999,"lon":1}}\n{"choice":"lang:en"}\n',
    );
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[1] as string)).toEqual({ error: 'not valid JSON' });
    expect(JSON.parse(lines[2] as string).error).toMatch(/expected one of/);
    expect(JSON.parse(lines[3] as string).replies[0].text).toMatch(/English/);
  });

  it('takes --lang and --user and rejects bad values clearly', async () => {
    const english = await runTanya(['chat', '--json', '--lang', 'en', '--user', 'tester'], '{"text":"hi"}\n');
    expect(JSON.parse(english.lines[0] as string).replies[0].text).toMatch(/How can I help/);
    const bad = await runTanya(['chat', '--json', '--lang', 'fr'], '');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--lang/);
  });

  it('reports a missing file as an error line', async () => {
    const { lines } = await runTanya(['chat', '--json'], '{"file":{"path":"/nonexistent/x.pdf"}}\n');
    expect(JSON.parse(lines[0] as string)).toEqual({ error: 'file not found: /nonexistent/x.pdf' });
  });

  it('stops with one readable line when the configuration is wrong', async () => {
    const { stderr, code } = await runTanya(['chat', '--json'], '', { PORT: 'x' });
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^tanya: invalid configuration: PORT="x"/);
  });
});
