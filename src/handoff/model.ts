/**
 * The data of human handoff outside the session: queue entries the console lists, transcript
 * entries, and the events that travel between instances. All zod schemas, because all of it is read
 * back from Redis or sent over the wire.
 */
import { z } from 'zod';
import { HandoffReason } from '../engine/session.js';
import { Address, FileRef, Locale, Outbound } from '../engine/types.js';

/** A conversation agents can see: waiting in the queue, asking for a callback, or with an agent. */
export const QueueEntry = z.object({
  key: z.string().min(1).max(300),
  address: Address,
  state: z.enum(['queued', 'assigned', 'callback']),
  ticket: z.string(),
  reason: HandoffReason,
  note: z.string().optional(),
  locale: Locale,
  /** When it entered the queue (for a callback: when the user asked for it). */
  queuedAt: z.string(),
  agent: z.string().optional(),
  assignedAt: z.string().optional(),
  lastMessageAt: z.string(),
  /** The user's last text, personal numbers masked, at most 120 characters. */
  preview: z.string().optional(),
});
/** A conversation agents can see. */
export type QueueEntry = z.infer<typeof QueueEntry>;

/** One line of a conversation's transcript. */
export const TranscriptEntry = z.object({
  at: z.string(),
  from: z.enum(['user', 'bot', 'agent', 'system']),
  kind: z.enum(['text', 'choice', 'location', 'file', 'event']),
  text: z.string().optional(),
  /** Labels of the choices the bot offered. */
  choices: z.array(z.string()).optional(),
  lat: z.number().optional(),
  lon: z.number().optional(),
  /** A file the user sent, fetched from its channel only for signed-in agents. */
  file: z.object({ channel: z.string(), ref: FileRef }).optional(),
  agent: z.string().optional(),
});
/** One line of a conversation's transcript. */
export type TranscriptEntry = z.infer<typeof TranscriptEntry>;

/** One measured wait: from entering the queue to an agent taking the conversation. */
export const WaitSample = z.object({ ms: z.number().nonnegative(), at: z.string() });
/** One measured wait. */
export type WaitSample = z.infer<typeof WaitSample>;

/** An event for the agent consoles: a conversation changed (its queue entry, new transcript lines). */
export const ConsoleEvent = z.object({
  type: z.literal('conversation'),
  key: z.string(),
  /** The conversation's queue entry now, or null once it left the queue and agents. */
  entry: QueueEntry.nullable(),
  /** Transcript lines added by this change, with their index in the transcript. */
  lines: z.array(z.object({ index: z.number().int(), line: TranscriptEntry })),
});
/** An event for the agent consoles. */
export type ConsoleEvent = z.infer<typeof ConsoleEvent>;

/** Outbounds for a conversation whose channel may run in another instance. */
export const DeliveryEvent = z.object({ id: z.string(), address: Address, outbounds: z.array(Outbound) });
/** Outbounds for a conversation whose channel may run in another instance. */
export type DeliveryEvent = z.infer<typeof DeliveryEvent>;
