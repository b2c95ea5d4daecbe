/**
 * The conversation session: plain JSON, validated when loaded, saved with a revision.
 */
import { z } from 'zod';
import { Choice, Locale, type JsonObject } from './types.js';

/** One running dialog on the stack. */
export const Frame = z.object({
  dialog: z.string(),
  version: z.number().int(),
  step: z.string(),
  state: z.record(z.string(), z.unknown()).transform((value) => value as JsonObject),
  /** Invalid answers in a row at this step. */
  attempts: z.number().int().nonnegative(),
  /** Steps visited before this one, for "kembali". */
  history: z.array(z.string()),
  /** The choices last shown at this step, so typed answers ("2", "dua", a label) can select them. */
  choices: z.array(Choice).optional(),
});
/** One running dialog on the stack. */
export type Frame = z.infer<typeof Frame>;

/** A request to talk to a person, recorded on the session. */
export const HandoffRequest = z.object({
  reason: z.enum(['user_request', 'fallbacks', 'attempt_limit', 'needs_decision']),
  at: z.string(),
});
/** A request to talk to a person. */
export type HandoffRequest = z.infer<typeof HandoffRequest>;

/** Everything the bot remembers about one conversation. */
export const Session = z.object({
  v: z.literal(1),
  locale: Locale,
  /** True once the user picked a language; platform hints no longer apply. */
  localeChosen: z.boolean(),
  stack: z.array(Frame),
  /** A form put aside by "menu" or a greeting, offered back when the user returns to it. */
  paused: z.array(Frame).optional(),
  /** The dialog whose paused form we just offered to resume. */
  resumeOffer: z.string().optional(),
  handoffRequests: z.array(HandoffRequest).optional(),
  memory: z.record(z.string(), z.unknown()).transform((value) => value as JsonObject),
  turns: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** Everything the bot remembers about one conversation. */
export type Session = z.infer<typeof Session>;

/** A fresh session. */
export function newSession(locale: Locale, now: Date): Session {
  const at = now.toISOString();
  return { v: 1, locale, localeChosen: false, stack: [], memory: {}, turns: 0, createdAt: at, updatedAt: at };
}

/** Picks the first-message locale from a platform hint (`en-US` → en); Indonesian otherwise. */
export function localeFromHint(hint: string | undefined): Locale {
  return hint?.toLowerCase().startsWith('en') ? 'en' : 'id';
}
