/**
 * The conversation session: plain JSON, validated when loaded, saved with a revision.
 */
import { z } from 'zod';
import { Address, Choice, Locale, type JsonObject } from './types.js';

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

/** Why a conversation was handed to a person. */
export const HandoffReason = z.enum(['user_request', 'fallbacks', 'attempt_limit', 'needs_decision']);
/** Why a conversation was handed to a person. */
export type HandoffReason = z.infer<typeof HandoffReason>;

/** A request to talk to a person, recorded on the session (engines running without a handoff gate). */
export const HandoffRequest = z.object({ reason: HandoffReason, at: z.string() });
/** A request to talk to a person. */
export type HandoffRequest = z.infer<typeof HandoffRequest>;

/**
 * Where the conversation stands with human agents (src/handoff/ owns the transitions):
 * `bot → queued → assigned(agent) → closed | bot`. While `queued` or `assigned` the bot stays silent
 * and the user's messages go to the agent console. Kept on the session, so it survives restarts and
 * is shared by every instance through the session store.
 */
export const HandoffInfo = z.object({
  state: z.enum(['bot', 'queued', 'assigned', 'closed']),
  /** A new id per request; queue entries and timeouts carry it, so stale ones are ignored. */
  ticket: z.string().min(1).max(64),
  reason: HandoffReason,
  /** A dialog's note for the agent (e.g. what needs a decision). */
  note: z.string().max(500).optional(),
  /** Where replies go (the session itself does not know its address). */
  address: Address,
  requestedAt: z.string(),
  /** When the request entered the queue (kept after assignment, for wait statistics). */
  queuedAt: z.string().optional(),
  /** Queue position told to the user when they entered it. */
  position: z.number().int().positive().optional(),
  agent: z.string().max(64).optional(),
  assignedAt: z.string().optional(),
  closedAt: z.string().optional(),
  /** A question the bot asked about the handoff and waits an answer to. */
  offer: z.enum(['off_hours', 'callback', 'end_chat', 'leave_queue']).optional(),
  /** The user accepted to be contacted again after a timeout; agents see it in the waiting list. */
  callbackRequestedAt: z.string().optional(),
  updatedAt: z.string(),
});
/** Where the conversation stands with human agents. */
export type HandoffInfo = z.infer<typeof HandoffInfo>;

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
  /** The conversation's handoff to a person, once one was requested. */
  handoff: HandoffInfo.optional(),
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
