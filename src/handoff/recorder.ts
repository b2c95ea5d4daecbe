/**
 * The engine's {@link TurnObserver}: after each committed turn it appends the user's message and the
 * replies to the conversation's transcript, keeps the queue index in step with the session's handoff
 * state, measures waits, and tells the agent consoles (on every instance) what changed.
 */
import { timingSafeEqual } from 'node:crypto';
import type { TurnObserver, TurnRecord } from '../engine/handoff-gate.js';
import type { HandoffInfo, Session } from '../engine/session.js';
import type { Inbound, Outbound } from '../engine/types.js';
import { maskPersonalNumbers } from '../log/mask.js';
import { HANDOFF_EVENTS, HandoffEventPayload, isHandoffEvent } from './events.js';
import type { ConsoleEvent, QueueEntry, TranscriptEntry } from './model.js';
import type { EventHub, HandoffIndex, TranscriptStore } from './stores.js';

/** The hub topic of console events. */
export const CONSOLE_TOPIC = 'console';

/** What the recorder writes to. */
export interface RecorderDeps {
  index: HandoffIndex;
  transcripts: TranscriptStore;
  hub: EventHub;
  secret: string;
}

function validSystemEvent(inbound: Inbound, secret: string): HandoffEventPayload | undefined {
  if (inbound.kind !== 'event' || !isHandoffEvent(inbound.name)) return undefined;
  const parsed = HandoffEventPayload.safeParse(inbound.payload ?? {});
  if (!parsed.success) return undefined;
  const given = Buffer.from(parsed.data.secret);
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? parsed.data : undefined;
}

/** Transcript lines for what the user sent. */
function userLines(inbound: Inbound, at: string): TranscriptEntry[] {
  const base = { at, from: 'user' as const };
  switch (inbound.kind) {
    case 'text':
      return [{ ...base, kind: 'text', text: inbound.text }];
    case 'choice':
      return [{ ...base, kind: 'choice', text: inbound.label ?? inbound.choiceId }];
    case 'location': {
      const label = [inbound.name, inbound.addressLine].filter(Boolean).join(', ');
      return [
        { ...base, kind: 'location', lat: inbound.lat, lon: inbound.lon, ...(label ? { text: label } : {}) },
      ];
    }
    case 'document':
    case 'image':
      return [
        {
          ...base,
          kind: 'file',
          file: { channel: inbound.address.channel, ref: inbound.file },
          ...(inbound.caption ? { text: inbound.caption } : {}),
        },
      ];
    case 'event':
      return [{ ...base, kind: 'event', text: inbound.name }];
  }
}

/** A transcript line for something the bot said. */
export function botLine(outbound: Outbound, at: string): TranscriptEntry {
  switch (outbound.kind) {
    case 'choices':
      return {
        at,
        from: 'bot',
        kind: 'text',
        text: outbound.text,
        choices: outbound.choices.map((c) => c.label),
      };
    case 'venue':
      return {
        at,
        from: 'bot',
        kind: 'location',
        lat: outbound.lat,
        lon: outbound.lon,
        text: `${outbound.title}, ${outbound.address}`,
      };
    default:
      return { at, from: 'bot', kind: 'text', text: outbound.text };
  }
}

/** The transcript lines of one committed turn. */
export function turnLines(record: TurnRecord, secret: string): TranscriptEntry[] {
  const at = record.now.toISOString();
  const system = validSystemEvent(record.inbound, secret);
  const bot = record.replies.map((outbound) => botLine(outbound, at));
  if (!system || record.inbound.kind !== 'event') return [...userLines(record.inbound, at), ...bot];
  if (record.inbound.name === HANDOFF_EVENTS.message) {
    // The reply is the agent's own text: one agent line, nothing from the bot.
    return record.replies.length
      ? [
          {
            at,
            from: 'agent',
            kind: 'text',
            text: system.text ?? '',
            ...(system.agent ? { agent: system.agent } : {}),
          },
        ]
      : [];
  }
  if (!record.replies.length) return [];
  const action = record.inbound.name.slice('handoff.'.length);
  const detail = system.to
    ? `${action} → ${system.to}`
    : system.dialog
      ? `${action} → ${system.dialog}`
      : action;
  return [
    { at, from: 'system', kind: 'event', text: detail, ...(system.agent ? { agent: system.agent } : {}) },
    ...bot,
  ];
}

/** The queue entry a session's handoff state calls for, or null when agents need not see it. */
export function entryFor(
  key: string,
  session: Session,
  previous: QueueEntry | undefined,
  lastMessageAt: string,
  preview?: string,
): QueueEntry | null {
  const handoff: HandoffInfo | undefined = session.handoff;
  if (!handoff) return null;
  const state =
    handoff.state === 'queued' || handoff.state === 'assigned'
      ? handoff.state
      : handoff.callbackRequestedAt
        ? 'callback'
        : null;
  if (!state) return null;
  const queuedAt =
    state === 'callback'
      ? (handoff.callbackRequestedAt as string)
      : (handoff.queuedAt ?? handoff.requestedAt);
  const shown = preview ?? previous?.preview;
  return {
    key,
    address: handoff.address,
    state,
    ticket: handoff.ticket,
    reason: handoff.reason,
    ...(handoff.note ? { note: handoff.note } : {}),
    locale: session.locale,
    queuedAt,
    ...(state === 'assigned' && handoff.agent ? { agent: handoff.agent } : {}),
    ...(state === 'assigned' && handoff.assignedAt ? { assignedAt: handoff.assignedAt } : {}),
    lastMessageAt,
    ...(shown ? { preview: shown } : {}),
  };
}

/** A short, masked preview of a user's text for the queue list. */
export function previewOf(value: string): string {
  const masked = maskPersonalNumbers(value.replace(/\s+/g, ' ').trim());
  return masked.length > 120 ? `${masked.slice(0, 119)}…` : masked;
}

/** Creates the observer. */
export function createRecorder(deps: RecorderDeps): TurnObserver {
  return {
    async afterTurn(record) {
      const lines = turnLines(record, deps.secret);
      const first = lines.length ? await deps.transcripts.append(record.key, lines) : 0;
      const handoff = record.session.handoff;
      if (!handoff) return;
      const previous = await deps.index.get(record.key);
      const fromUser = record.inbound.kind !== 'event';
      const at = record.now.toISOString();
      const preview = record.inbound.kind === 'text' ? previewOf(record.inbound.text) : undefined;
      const entry = entryFor(
        record.key,
        record.session,
        previous,
        fromUser ? at : (previous?.lastMessageAt ?? at),
        preview,
      );
      if (entry) await deps.index.put(entry);
      else if (previous) await deps.index.remove(record.key);
      const taken =
        record.inbound.kind === 'event' &&
        record.inbound.name === HANDOFF_EVENTS.take &&
        handoff.state === 'assigned' &&
        handoff.assignedAt === at &&
        handoff.queuedAt;
      if (taken) {
        await deps.index.recordWait({
          ms: Math.max(0, record.now.getTime() - Date.parse(handoff.queuedAt as string)),
          at,
        });
      }
      if (!entry && !previous) return;
      const event: ConsoleEvent = {
        type: 'conversation',
        key: record.key,
        entry,
        lines: lines.map((line, i) => ({ index: first + i, line })),
      };
      await deps.hub.publish(CONSOLE_TOPIC, event);
    },
  };
}
