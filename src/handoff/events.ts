/**
 * The system events through which agents and the sweeper change a conversation: they are run as
 * turns of that conversation (`engine.process({kind: 'event', name: 'handoff.take', ...})`), so they
 * are serialised with the user's own messages, revision-checked and deduplicated by id like any
 * message. A per-process secret in the payload tells them from anything a channel could send.
 */
import { z } from 'zod';
import { HandoffReason } from '../engine/session.js';

/** Event names, by action. */
export const HANDOFF_EVENTS = {
  take: 'handoff.take',
  message: 'handoff.message',
  transfer: 'handoff.transfer',
  close: 'handoff.close',
  return: 'handoff.return',
  timeout: 'handoff.timeout',
  request: 'handoff.request',
} as const;

/** A handoff event name. */
export type HandoffEventName = (typeof HANDOFF_EVENTS)[keyof typeof HANDOFF_EVENTS];

const NAMES = new Set<string>(Object.values(HANDOFF_EVENTS));

/** Whether an event name belongs to handoff. */
export function isHandoffEvent(name: string): name is HandoffEventName {
  return NAMES.has(name);
}

/** The payload of a handoff event. */
export const HandoffEventPayload = z.object({
  secret: z.string(),
  /** The acting agent. */
  agent: z.string().max(64).optional(),
  /** A supervisor acting on another agent's conversation. */
  override: z.boolean().optional(),
  text: z.string().min(1).max(4096).optional(),
  /** Transfer target. */
  to: z.string().max(64).optional(),
  /** Dialog to return the user to. */
  dialog: z.string().max(64).optional(),
  ticket: z.string().max(64).optional(),
  reason: HandoffReason.optional(),
  note: z.string().max(500).optional(),
});
/** The payload of a handoff event. */
export type HandoffEventPayload = z.infer<typeof HandoffEventPayload>;
