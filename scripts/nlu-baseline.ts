/**
 * The NLP.js baseline for `npm run eval:nlu`: `@nlpjs/nlp` with `@nlpjs/lang-id` and
 * `@nlpjs/lang-en-min`, trained on the same examples with its default settings (no tuning).
 * Its `None` answer counts as out of scope.
 */
import { createRequire } from 'node:module';
import type { TrainingExample } from '../src/nlu/content.js';

interface NlpJs {
  settings: Record<string, unknown>;
  addLanguage(lang: string): void;
  addDocument(lang: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(lang: string, text: string): Promise<{ intent: string; score: number }>;
}

/** A trained baseline: label index (or -1 for None) and score of a text. */
export interface Baseline {
  classify(text: string, lang: 'id' | 'en'): Promise<{ label: number; score: number }>;
}

/** Trains NLP.js on `examples`; undefined when the packages are not installed. */
export async function trainBaseline(examples: readonly TrainingExample[]): Promise<Baseline | undefined> {
  const require = createRequire(import.meta.url);
  let core, nlpPkg, langId, langEn;
  try {
    core = require('@nlpjs/core');
    nlpPkg = require('@nlpjs/nlp');
    langId = require('@nlpjs/lang-id');
    langEn = require('@nlpjs/lang-en-min');
  } catch {
    return undefined;
  }
  const container = await core.containerBootstrap({ log: false });
  container.use(nlpPkg.Nlp);
  container.use(langId.LangId);
  container.use(langEn.LangEn);
  // Its defaults, without the per-epoch training log.
  container.registerConfiguration(
    'nlu-??',
    {
      keepStopwords: true,
      nonefeatureValue: 1,
      nonedeltaMultiplier: 1.2,
      spellCheck: false,
      spellCheckDistance: 1,
      filterZeros: true,
      log: false,
    },
    true,
  );
  const nlp = container.get('nlp') as NlpJs;
  nlp.settings.autoSave = false;
  nlp.settings.log = false;
  nlp.addLanguage('id');
  nlp.addLanguage('en');
  for (const example of examples) nlp.addDocument(example.lang, example.text, `l${example.label}`);
  await nlp.train();
  return {
    async classify(text, lang) {
      const result = await nlp.process(lang, text);
      const label = result.intent?.startsWith('l') ? Number(result.intent.slice(1)) : -1;
      return { label, score: result.score };
    },
  };
}
