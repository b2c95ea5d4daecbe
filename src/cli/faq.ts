/**
 * `tanya faq --json [--lang id|en] [QUESTION]`: what the FAQ search decides for a question. With no
 * QUESTION, reads one question per stdin line and writes one JSON line per question.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createFaqService, type FaqService } from '../content/faq/service.js';
import { printJsonLine, UsageError, type Command } from './command.js';

const FaqOptions = z.object({
  json: z.literal(true, 'only --json output is supported'),
  lang: z.enum(['id', 'en']).optional(),
});

function answerLine(faq: FaqService, question: string, lang: 'id' | 'en' | undefined) {
  const result = faq.ask(question, lang);
  return {
    q: question,
    decision: result.decision,
    candidates: result.candidates.map(({ id, score }) => ({ id, score: Math.round(score * 1000) / 1000 })),
  };
}

/** `tanya faq`. */
export const faqCommand: Command = {
  usage: [
    'faq --json [--lang id|en] [QUESTION]     FAQ decision and candidates; questions from stdin when none',
  ],
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, lang: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const parsed = FaqOptions.safeParse(values);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`--${issue?.path.join('.') || 'json'}: ${issue?.message}`);
    }
    const faq = createFaqService();
    const lang = parsed.data.lang;
    if (positionals.length) {
      printJsonLine(answerLine(faq, positionals.join(' '), lang));
      return;
    }
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (line.trim()) printJsonLine(answerLine(faq, line, lang));
    }
  },
};
