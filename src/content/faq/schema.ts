/**
 * The FAQ content model: one YAML file per topic under `src/content/faq/topics/`, validated at load.
 */
import { z } from 'zod';

/** Dialog ids an FAQ answer may offer to start. */
export const FaqAction = z.enum([
  'claim',
  'claim-status',
  'bpu-registration',
  'events',
  'jkp-check',
  'handoff',
]);
/** A dialog an FAQ answer may offer to start. */
export type FaqAction = z.infer<typeof FaqAction>;

const nonEmpty = z.string().trim().min(1);
const bilingual = <T extends z.ZodType>(inner: T) => z.object({ id: inner, en: inner }).strict();

/** One FAQ topic as written in its YAML file. */
export const FaqTopic = z
  .object({
    /** Stable kebab-case id; the file is named `<id>.yaml`. */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case ascii'),
    /** Program or area: jht, jkp, jkk, jkm, jp, bpu, layanan, umum. */
    category: z.enum(['jht', 'jkp', 'jkk', 'jkm', 'jp', 'bpu', 'iuran', 'layanan', 'umum']),
    /** Short title shown on clarify choices and related-topic buttons (at most 60 chars). */
    title: bilingual(nonEmpty.max(60)),
    /** Ways people ask it: formal and informal; at least 3 per language. */
    questions: bilingual(z.array(nonEmpty).min(3)),
    /** Chat-sized answer: short paragraphs and `- ` bullets, WhatsApp-style *bold*; at most 1200 chars. */
    answer: bilingual(nonEmpty.max(1200)),
    /** Extra search terms and synonyms (either language), e.g. `pencairan`, `withdraw`. */
    keywords: z.array(nonEmpty).default([]),
    /** Ids of other topics worth offering next. */
    related: z.array(z.string()).default([]),
    /** A dialog the answer can start. */
    action: FaqAction.optional(),
    /** Regulation or official page the facts come from. */
    source: nonEmpty,
    /** When the facts were last checked (YYYY-MM-DD). */
    reviewed: z.iso.date(),
  })
  .strict();
/** One FAQ topic. */
export type FaqTopic = z.infer<typeof FaqTopic>;
