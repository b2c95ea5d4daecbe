/**
 * The handoff state machine, as pure functions over the session's {@link HandoffInfo}:
 *
 * ```
 *           request (office open)            take(agent)                close / return
 *   bot ─────────────────────────▶ queued ─────────────────▶ assigned ────────────────▶ closed
 *    ▲  request (office closed):     │  leave ("batal")         │  end (user, confirmed)
 *    │  offer, keep ▶ queued         │  timeout ▶ bot + callback offer ─ yes ▶ callback ─ take ▶ assigned
 *    └───────────────────────────────┴──────────────────────────┘
 * ```
 *
 * Each transition returns the next state or why it is not allowed; nothing here does I/O.
 */
import type { HandoffInfo, HandoffReason } from '../engine/session.js';
import type { Address } from '../engine/types.js';

/** The outcome of a transition. */
export type Transition = { ok: true; next: HandoffInfo } | { ok: false; why: string };

const refuse = (why: string): Transition => ({ ok: false, why });
const allow = (next: HandoffInfo): Transition => ({ ok: true, next });

/** Whether a person has (or is about to have) the conversation, so the bot stays silent. */
export function isWithAgents(handoff: HandoffInfo | undefined): boolean {
  return handoff?.state === 'queued' || handoff?.state === 'assigned';
}

/** What a new request starts from. */
export interface RequestBase {
  ticket: string;
  reason: HandoffReason;
  note?: string;
  address: Address;
}

/** Creates a request: straight into the queue, or (office closed) held with the out-of-hours offer. */
export function request(
  current: HandoffInfo | undefined,
  base: RequestBase,
  now: Date,
  open: boolean,
  position: number,
): Transition {
  if (isWithAgents(current)) return refuse(`already ${current?.state}`);
  const at = now.toISOString();
  const fresh: HandoffInfo = {
    state: 'bot',
    ticket: base.ticket,
    reason: base.reason,
    ...(base.note ? { note: base.note } : {}),
    address: base.address,
    requestedAt: at,
    updatedAt: at,
  };
  if (!open) return allow({ ...fresh, offer: 'off_hours' });
  return allow({ ...fresh, state: 'queued', queuedAt: at, position });
}

/** The user keeps an out-of-hours request: it waits in the queue for the agents to come back. */
export function keep(current: HandoffInfo | undefined, now: Date, position: number): Transition {
  if (current?.state !== 'bot' || current.offer !== 'off_hours') return refuse('no out-of-hours offer');
  const at = now.toISOString();
  const { offer: _offer, ...rest } = current;
  return allow({ ...rest, state: 'queued', queuedAt: at, position, updatedAt: at });
}

/** The user declines an offer (out of hours, callback): back to the bot, nothing pending. */
export function decline(current: HandoffInfo | undefined, now: Date): Transition {
  if (!current?.offer) return refuse('no offer');
  const { offer: _offer, ...rest } = current;
  return allow({ ...rest, updatedAt: now.toISOString() });
}

/** An agent takes a waiting conversation, or a callback request. */
export function take(
  current: HandoffInfo | undefined,
  agent: string,
  now: Date,
  ticket?: string,
): Transition {
  if (!current) return refuse('no request');
  if (ticket && ticket !== current.ticket) return refuse('stale ticket');
  const at = now.toISOString();
  if (current.state === 'queued') {
    const { offer: _offer, ...rest } = current;
    return allow({ ...rest, state: 'assigned', agent, assignedAt: at, updatedAt: at });
  }
  if ((current.state === 'bot' || current.state === 'closed') && current.callbackRequestedAt) {
    const { offer: _o, queuedAt: _q, callbackRequestedAt: _c, closedAt: _x, position: _p, ...rest } = current;
    return allow({ ...rest, state: 'assigned', agent, assignedAt: at, updatedAt: at });
  }
  return refuse(
    current.state === 'assigned' ? `taken by ${current.agent}` : `not waiting (${current.state})`,
  );
}

/** Whether `actor` may act on an assigned conversation (its agent, or a supervisor overriding). */
export function mayAct(current: HandoffInfo | undefined, actor: string, override: boolean): boolean {
  return current?.state === 'assigned' && (current.agent === actor || override);
}

/** The conversation's agent (or a supervisor) hands it to another agent. */
export function transfer(
  current: HandoffInfo | undefined,
  actor: string,
  to: string,
  override: boolean,
  now: Date,
): Transition {
  if (!mayAct(current, actor, override)) return refuse('not your conversation');
  if (current?.agent === to) return refuse('already with that agent');
  const at = now.toISOString();
  return allow({ ...(current as HandoffInfo), agent: to, assignedAt: at, updatedAt: at });
}

/** The agent ends the conversation (also used when returning the user to a dialog). */
export function close(
  current: HandoffInfo | undefined,
  actor: string,
  override: boolean,
  now: Date,
): Transition {
  const queuedForSupervisor = current?.state === 'queued' && override;
  if (!mayAct(current, actor, override) && !queuedForSupervisor) return refuse('not your conversation');
  const at = now.toISOString();
  const { offer: _offer, ...rest } = current as HandoffInfo;
  return allow({ ...rest, state: 'closed', closedAt: at, updatedAt: at });
}

/** The user leaves the queue ("batal") or ends the chat with the agent (confirmed "menu"). */
export function leave(current: HandoffInfo | undefined, now: Date): Transition {
  if (!isWithAgents(current)) return refuse('not with agents');
  const at = now.toISOString();
  const { offer: _offer, ...rest } = current as HandoffInfo;
  return allow({ ...rest, state: 'bot', closedAt: at, updatedAt: at });
}

/** Nobody took the request in time: back to the bot, with the offer of a callback. */
export function timeOut(current: HandoffInfo | undefined, ticket: string, now: Date): Transition {
  if (current?.state !== 'queued') return refuse('not queued');
  if (current.ticket !== ticket) return refuse('stale ticket');
  const at = now.toISOString();
  return allow({ ...current, state: 'bot', offer: 'callback', updatedAt: at });
}

/** The user accepts the callback offer: agents see the request and may take it later. */
export function acceptCallback(current: HandoffInfo | undefined, now: Date): Transition {
  if (current?.offer !== 'callback') return refuse('no callback offer');
  const at = now.toISOString();
  const { offer: _offer, ...rest } = current;
  return allow({ ...rest, callbackRequestedAt: at, updatedAt: at });
}

/** Sets or clears the question the bot asked about the handoff. */
export function withOffer(current: HandoffInfo, offer: HandoffInfo['offer'] | undefined): HandoffInfo {
  const { offer: _offer, ...rest } = current;
  return offer ? { ...rest, offer } : rest;
}
