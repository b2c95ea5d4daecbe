/**
 * The {@link HandoffGate}: what the bot does with a conversation that involves a person. While it is
 * queued or assigned the bot stays silent (the user's messages reach the console through the
 * transcript), except for the few global commands the user still needs: "batal" leaves the queue,
 * "menu" asks whether to leave the queue or end the chat with the agent. It also runs the system
 * events agents and the sweeper send (take, message, transfer, close, return, timeout).
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { DialogRegistry } from '../engine/dialog.js';
import type { GateDecision, GateTurn, HandoffGate } from '../engine/handoff-gate.js';
import { detectIntent, intentOfInterpretation, INTENT_CHOICE } from '../engine/intents.js';
import { resolveTypedChoice } from '../engine/choice-match.js';
import { HandoffReason, type HandoffInfo } from '../engine/session.js';
import type { Choice, Inbound, Outbound } from '../engine/types.js';
import type { Log } from '../log/logger.js';
import { estimateWait } from './estimate.js';
import { HANDOFF_EVENTS, HandoffEventPayload, isHandoffEvent } from './events.js';
import * as machine from './machine.js';
import type { OfficeSchedule } from './office-hours.js';
import type { HandoffIndex } from './stores.js';
import { describeHours, describeOpening } from './wording.js';
import { wordCount } from '../nlu/question.js';

/** What the gate needs. */
export interface GateDeps {
  index: HandoffIndex;
  schedule: OfficeSchedule;
  /** The per-process secret system events must carry. */
  secret: string;
  /** Minutes a request may wait in office hours before the apology and callback offer. */
  timeoutMinutes: number;
  dialogs: DialogRegistry;
  log?: Log;
}

/** Choice ids of the gate's own questions. */
export const HANDOFF_CHOICE = {
  keep: 'handoff:keep',
  drop: 'handoff:drop',
  stay: 'handoff:stay',
  leave: 'handoff:leave',
  end: 'handoff:end',
  continue: 'handoff:continue',
  callbackYes: 'handoff:callback_yes',
  callbackNo: 'handoff:callback_no',
} as const;

const REQUEST_CHOICE = 'handoff:request:';

/**
 * The id of a choice that asks for a person with a given reason, for dialogs that offer the agent
 * as a button (e.g. the FAQ after two fallbacks: `handoffChoice('fallbacks')`). Typed "agen" is
 * still recorded as `user_request`.
 */
export function handoffChoice(reason: HandoffReason): string {
  return `${REQUEST_CHOICE}${reason}`;
}

/** Which offered choice an answer picks: the id of a tapped choice, a typed label or number, or yes/no. */
function answer(
  turn: GateTurn,
  input: Inbound,
  choices: readonly Choice[],
  yes?: string,
  no?: string,
): string | undefined {
  if (input.kind === 'choice')
    return choices.some((c) => c.id === input.choiceId) ? input.choiceId : undefined;
  if (input.kind !== 'text') return undefined;
  const reading = turn.interpretation;
  const picked = resolveTypedChoice(input.text, choices, reading)?.id;
  if (picked) return picked;
  if (reading && reading.confidence >= YES_NO_MIN) {
    if (yes && reading.intent === 'affirm') return yes;
    if (no && (reading.intent === 'deny' || reading.intent === 'cancel')) return no;
  }
  return undefined;
}

/** Longest message taken as a command while a person has the conversation. */
const COMMAND_MAX_WORDS = 3;

/** The least confidence for a typed yes or no to answer the gate's questions. */
const YES_NO_MIN = 0.6;

function text(value: string): Outbound {
  return { kind: 'text', text: value };
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Creates the gate. */
export function createHandoffGate(deps: GateDeps): HandoffGate {
  const { index, schedule } = deps;

  /** 1-based place among queued requests, counting those that entered at or before `queuedAt`. */
  async function position(key: string, queuedAt: string): Promise<number> {
    const entries = await index.list();
    return entries.filter((e) => e.state === 'queued' && e.key !== key && e.queuedAt <= queuedAt).length + 1;
  }

  async function waitText(turn: GateTurn): Promise<string> {
    const estimate = estimateWait(await index.recentWaits(), turn.now);
    return estimate
      ? turn.t('handoff:estimate', { minutes: estimate.minutes, count: estimate.samples })
      : turn.t('handoff:estimate_unknown');
  }

  const choices = {
    offHours: (turn: GateTurn): Choice[] => [
      { id: HANDOFF_CHOICE.keep, label: turn.t('handoff:choice_keep') },
      { id: HANDOFF_CHOICE.drop, label: turn.t('handoff:choice_drop') },
    ],
    leaveQueue: (turn: GateTurn): Choice[] => [
      { id: HANDOFF_CHOICE.stay, label: turn.t('handoff:choice_stay') },
      { id: HANDOFF_CHOICE.leave, label: turn.t('handoff:choice_leave') },
    ],
    endChat: (turn: GateTurn): Choice[] => [
      { id: HANDOFF_CHOICE.end, label: turn.t('handoff:choice_end') },
      { id: HANDOFF_CHOICE.continue, label: turn.t('handoff:choice_continue') },
    ],
    callback: (turn: GateTurn): Choice[] => [
      { id: HANDOFF_CHOICE.callbackYes, label: turn.t('handoff:choice_callback_yes') },
      { id: HANDOFF_CHOICE.callbackNo, label: turn.t('handoff:choice_callback_no') },
    ],
  };

  function set(turn: GateTurn, next: HandoffInfo): void {
    turn.session.handoff = next;
  }

  async function request(turn: GateTurn, reason: HandoffReason, note?: string): Promise<GateDecision> {
    const current = turn.session.handoff;
    if (machine.isWithAgents(current)) return stillWaiting(turn, current as HandoffInfo);
    const open = schedule.isOpen(turn.now);
    const at = turn.now.toISOString();
    const place = open ? await position(turn.key, at) : 0;
    const base = { ticket: randomUUID(), reason, address: turn.address, ...(note ? { note } : {}) };
    const result = machine.request(current, base, turn.now, open, Math.max(place, 1));
    if (!result.ok) return { action: 'hold', say: [] };
    set(turn, result.next);
    deps.log?.info({ conversation: turn.key, reason, open }, 'handoff requested');
    if (!open) {
      const vars = {
        hours: describeHours(schedule, turn.t, turn.session.locale, turn.now),
        when: describeOpening(schedule, schedule.openFrom(turn.now), turn.t, turn.session.locale),
      };
      return {
        action: 'hold',
        say: [{ kind: 'choices', text: turn.t('handoff:off_hours', vars), choices: choices.offHours(turn) }],
      };
    }
    const queued = [
      turn.t('handoff:queued', { position: place }),
      await waitText(turn),
      turn.t('handoff:queued_hint'),
    ];
    return { action: 'hold', park: true, say: [text(queued.join('\n\n'))] };
  }

  async function stillWaiting(turn: GateTurn, current: HandoffInfo): Promise<GateDecision> {
    if (current.state === 'assigned') {
      return { action: 'hold', say: [text(turn.t('handoff:already_assigned', { agent: current.agent }))] };
    }
    const place = await position(turn.key, current.queuedAt ?? current.requestedAt);
    return {
      action: 'hold',
      say: [text(`${turn.t('handoff:already_queued', { position: place })}\n\n${await waitText(turn)}`)],
    };
  }

  /** The answer to a question the bot asked about the handoff; undefined when the input is about something else. */
  async function answerOffer(
    turn: GateTurn,
    current: HandoffInfo,
    input: Inbound,
  ): Promise<GateDecision | undefined> {
    switch (current.offer) {
      case 'off_hours': {
        const picked = answer(turn, input, choices.offHours(turn), HANDOFF_CHOICE.keep, HANDOFF_CHOICE.drop);
        if (picked === HANDOFF_CHOICE.keep) {
          const at = turn.now.toISOString();
          const place = await position(turn.key, at);
          const result = machine.keep(current, turn.now, place);
          if (!result.ok) return undefined;
          set(turn, result.next);
          const when = describeOpening(schedule, schedule.openFrom(turn.now), turn.t, turn.session.locale);
          return {
            action: 'hold',
            park: true,
            say: [
              text(
                `${turn.t('handoff:kept', { position: place, when })}\n\n${turn.t('handoff:queued_hint')}`,
              ),
            ],
          };
        }
        if (picked === HANDOFF_CHOICE.drop) return declined(turn, current, 'handoff:dropped');
        return undefined;
      }
      case 'callback': {
        const picked = answer(
          turn,
          input,
          choices.callback(turn),
          HANDOFF_CHOICE.callbackYes,
          HANDOFF_CHOICE.callbackNo,
        );
        if (picked === HANDOFF_CHOICE.callbackYes) {
          const result = machine.acceptCallback(current, turn.now);
          if (!result.ok) return undefined;
          set(turn, result.next);
          return { action: 'resume', say: [text(turn.t('handoff:callback_ok'))] };
        }
        if (picked === HANDOFF_CHOICE.callbackNo) return declined(turn, current, 'handoff:callback_declined');
        return undefined;
      }
      case 'leave_queue': {
        const picked = answer(turn, input, choices.leaveQueue(turn));
        if (picked === HANDOFF_CHOICE.leave) return leaveQueue(turn, current);
        if (picked === HANDOFF_CHOICE.stay) {
          set(turn, machine.withOffer(current, undefined));
          return { action: 'hold', say: [text(turn.t('handoff:still_waiting'))] };
        }
        return undefined;
      }
      case 'end_chat': {
        const picked = answer(
          turn,
          input,
          choices.endChat(turn),
          HANDOFF_CHOICE.end,
          HANDOFF_CHOICE.continue,
        );
        if (picked === HANDOFF_CHOICE.end) {
          const result = machine.leave(current, turn.now);
          if (!result.ok) return undefined;
          set(turn, result.next);
          return { action: 'restart', say: [text(turn.t('handoff:ended_by_user'))] };
        }
        if (picked === HANDOFF_CHOICE.continue) {
          set(turn, machine.withOffer(current, undefined));
          return { action: 'hold', say: [text(turn.t('handoff:continue_chat', { agent: current.agent }))] };
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  function declined(turn: GateTurn, current: HandoffInfo, key: string): GateDecision {
    const result = machine.decline(current, turn.now);
    if (result.ok) set(turn, result.next);
    return { action: 'resume', say: [text(turn.t(key))] };
  }

  function leaveQueue(turn: GateTurn, current: HandoffInfo): GateDecision {
    const result = machine.leave(current, turn.now);
    if (!result.ok) return { action: 'pass' };
    set(turn, result.next);
    return { action: 'restart', say: [text(turn.t('handoff:left_queue'))] };
  }

  /** A message while queued or assigned: a few commands, otherwise silence (the agent reads it). */
  async function withAgents(turn: GateTurn, current: HandoffInfo, input: Inbound): Promise<GateDecision> {
    // With a person on the line most text is for them: only a short message read clearly as a
    // command ("batal", "bantuan dong") is one; "menu utama dong, eh bukan" goes to the agent.
    const short = input.kind === 'text' && wordCount(input.text) <= COMMAND_MAX_WORDS;
    const intent =
      detectIntent(input) ??
      (turn.interpretation && short
        ? intentOfInterpretation(turn.interpretation, { kind: 'form_step' })
        : undefined);
    const assigned = current.state === 'assigned';
    switch (intent?.type) {
      case 'cancel':
        if (!assigned) return leaveQueue(turn, current);
        break;
      case 'menu':
        break;
      case 'agent':
        return stillWaiting(turn, current);
      case 'help':
        return {
          action: 'hold',
          say: [
            text(
              turn.t(assigned ? 'handoff:help_assigned' : 'handoff:help_queued', { agent: current.agent }),
            ),
          ],
        };
      case 'language':
        if (intent.to) {
          turn.session.locale = intent.to;
          turn.session.localeChosen = true;
          return { action: 'hold', say: [text(turn.translate(intent.to)('engine:language_set'))] };
        }
        return {
          action: 'hold',
          say: [
            {
              kind: 'choices',
              text: turn.t('engine:language_prompt'),
              choices: [
                { id: INTENT_CHOICE.languageId, label: 'Bahasa Indonesia' },
                { id: INTENT_CHOICE.languageEn, label: 'English' },
              ],
            },
          ],
        };
      default:
        return { action: 'hold', say: [] };
    }
    // "menu" (and "batal" while assigned): ask before leaving the person.
    if (assigned) {
      set(turn, machine.withOffer(current, 'end_chat'));
      return {
        action: 'hold',
        say: [
          {
            kind: 'choices',
            text: turn.t('handoff:confirm_end', { agent: current.agent }),
            choices: choices.endChat(turn),
          },
        ],
      };
    }
    set(turn, machine.withOffer(current, 'leave_queue'));
    const place = await position(turn.key, current.queuedAt ?? current.requestedAt);
    return {
      action: 'hold',
      say: [
        {
          kind: 'choices',
          text: turn.t('handoff:confirm_leave', { position: place }),
          choices: choices.leaveQueue(turn),
        },
      ],
    };
  }

  /** An event from an agent or the sweeper, run as a turn of the conversation. */
  async function system(turn: GateTurn, name: string, raw: unknown): Promise<GateDecision> {
    const silent: GateDecision = { action: 'hold', say: [] };
    const parsed = HandoffEventPayload.safeParse(raw ?? {});
    if (!parsed.success || !safeEqual(parsed.data.secret, deps.secret)) {
      deps.log?.warn({ conversation: turn.key, event: name }, 'handoff event without a valid secret ignored');
      return silent;
    }
    const payload = parsed.data;
    const current = turn.session.handoff;
    const actor = payload.agent ?? '';
    const override = payload.override === true;
    switch (name) {
      case HANDOFF_EVENTS.take: {
        const result = machine.take(current, actor, turn.now, payload.ticket);
        if (!result.ok) return silent;
        set(turn, result.next);
        return { action: 'hold', park: true, say: [text(turn.t('handoff:agent_joined', { agent: actor }))] };
      }
      case HANDOFF_EVENTS.message:
        if (!machine.mayAct(current, actor, false) || !payload.text) return silent;
        return { action: 'hold', say: [text(payload.text)] };
      case HANDOFF_EVENTS.transfer: {
        const result = machine.transfer(current, actor, payload.to ?? '', override, turn.now);
        if (!result.ok || !payload.to) return silent;
        set(turn, result.next);
        return { action: 'hold', say: [text(turn.t('handoff:transferred', { agent: payload.to }))] };
      }
      case HANDOFF_EVENTS.close:
      case HANDOFF_EVENTS.return: {
        const result = machine.close(current, actor, override, turn.now);
        if (!result.ok) return silent;
        set(turn, result.next);
        const dialog = name === HANDOFF_EVENTS.return ? deps.dialogs.get(payload.dialog ?? '') : undefined;
        if (dialog) {
          return {
            action: 'restart',
            dialog: dialog.id,
            say: [text(turn.t('handoff:returned', { agent: actor, title: turn.t(dialog.titleKey) }))],
          };
        }
        return { action: 'restart', say: [text(turn.t('handoff:closed', { agent: actor }))] };
      }
      case HANDOFF_EVENTS.timeout: {
        const result = machine.timeOut(current, payload.ticket ?? '', turn.now);
        if (!result.ok) return silent;
        set(turn, result.next);
        return {
          action: 'hold',
          say: [
            {
              kind: 'choices',
              text: turn.t('handoff:timeout', { minutes: deps.timeoutMinutes }),
              choices: choices.callback(turn),
            },
          ],
        };
      }
      case HANDOFF_EVENTS.request:
        return request(turn, payload.reason ?? 'needs_decision', payload.note);
      default:
        return silent;
    }
  }

  return {
    request,
    async intercept(turn, input) {
      if (input.kind === 'event' && isHandoffEvent(input.name))
        return system(turn, input.name, input.payload);
      if (input.kind === 'choice' && input.choiceId.startsWith(REQUEST_CHOICE)) {
        const reason = HandoffReason.safeParse(input.choiceId.slice(REQUEST_CHOICE.length));
        if (reason.success) return request(turn, reason.data);
      }
      const current = turn.session.handoff;
      if (!current) return { action: 'pass' };
      if (current.offer) {
        const decided = await answerOffer(turn, current, input);
        if (decided) return decided;
        // Anything else drops the question; the input is then handled as usual.
        set(turn, machine.withOffer(current, undefined));
      }
      const now = turn.session.handoff as HandoffInfo;
      if (machine.isWithAgents(now)) return withAgents(turn, now, input);
      return { action: 'pass' };
    },
  };
}
