/**
 * What agents (through the console) and the sweeper do to conversations: take, reply, transfer,
 * return to a dialog, close, time out, and the programmatic request for a person. Each action runs
 * as a system event turn of the conversation (see events.ts), then its replies are delivered to the
 * user's own channel.
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '../engine/engine.js';
import type { HandoffInfo, HandoffReason } from '../engine/session.js';
import { conversationKey, type Address, type Outbound } from '../engine/types.js';
import type { Log } from '../log/logger.js';
import type { Delivery } from './delivery.js';
import { HANDOFF_EVENTS, type HandoffEventName, type HandoffEventPayload } from './events.js';
import type { QueueEntry } from './model.js';
import type { HandoffIndex } from './stores.js';

/** The outcome of an agent action. */
export type ActionResult =
  { ok: true; handoff: HandoffInfo | undefined } | { ok: false; status: 404 | 409; why: string };

/** What the service needs. */
export interface ServiceDeps {
  index: HandoffIndex;
  delivery: Delivery;
  secret: string;
  log?: Log;
}

/** Agent actions on conversations. Call {@link attach} once the engine exists. */
export class HandoffService {
  #engine: Engine | undefined;

  constructor(private readonly deps: ServiceDeps) {}

  /** Connects the engine the events run through. */
  attach(engine: Engine): void {
    this.#engine = engine;
  }

  get #engineOrThrow(): Engine {
    if (!this.#engine) throw new Error('handoff service used before attach(engine)');
    return this.#engine;
  }

  /** The conversation's handoff state as saved. */
  async handoff(key: string): Promise<HandoffInfo | undefined> {
    return (await this.#engineOrThrow.session(key))?.handoff;
  }

  async #run(
    address: Address,
    name: HandoffEventName,
    payload: Omit<HandoffEventPayload, 'secret'>,
    id = `handoff:${randomUUID()}`,
  ): Promise<{ replies: Outbound[]; handoff: HandoffInfo | undefined }> {
    const engine = this.#engineOrThrow;
    const outcome = await engine.process({
      id,
      kind: 'event',
      name,
      payload: { ...payload, secret: this.deps.secret },
      address,
    });
    const handoff = await this.handoff(conversationKey(address));
    if (outcome.replies.length) {
      await this.deps.delivery.deliver(address, outcome.replies).catch((error: unknown) => {
        this.deps.log?.warn(
          { err: (error as Error).message, channel: address.channel },
          'delivery to the user failed',
        );
      });
    }
    return { replies: outcome.replies, handoff };
  }

  async #entry(key: string): Promise<QueueEntry | undefined> {
    return this.deps.index.get(key);
  }

  /** An agent takes a waiting conversation or a callback request. */
  async take(key: string, agent: string): Promise<ActionResult> {
    const entry = await this.#entry(key);
    if (!entry) return { ok: false, status: 404, why: 'not waiting' };
    const { handoff } = await this.#run(entry.address, HANDOFF_EVENTS.take, { agent, ticket: entry.ticket });
    if (handoff?.state === 'assigned' && handoff.agent === agent) return { ok: true, handoff };
    return {
      ok: false,
      status: 409,
      why: handoff?.agent ? `taken by ${handoff.agent}` : 'no longer waiting',
    };
  }

  /** The assigned agent writes to the user. */
  async reply(key: string, agent: string, text: string): Promise<ActionResult> {
    const entry = await this.#entry(key);
    if (!entry) return { ok: false, status: 404, why: 'not with agents' };
    const { replies, handoff } = await this.#run(entry.address, HANDOFF_EVENTS.message, { agent, text });
    if (!replies.length) return { ok: false, status: 409, why: 'not your conversation' };
    return { ok: true, handoff };
  }

  /** Hands an assigned conversation to another agent. */
  async transfer(key: string, actor: string, to: string, override: boolean): Promise<ActionResult> {
    const entry = await this.#entry(key);
    if (!entry) return { ok: false, status: 404, why: 'not with agents' };
    const { handoff } = await this.#run(entry.address, HANDOFF_EVENTS.transfer, {
      agent: actor,
      to,
      override,
    });
    if (handoff?.state === 'assigned' && handoff.agent === to) return { ok: true, handoff };
    return { ok: false, status: 409, why: 'not your conversation' };
  }

  /** Ends the conversation with the agent; the bot greets the user again (or starts `dialog`). */
  async close(key: string, actor: string, override: boolean, dialog?: string): Promise<ActionResult> {
    const entry = await this.#entry(key);
    if (!entry) return { ok: false, status: 404, why: 'not with agents' };
    const name = dialog ? HANDOFF_EVENTS.return : HANDOFF_EVENTS.close;
    const { handoff } = await this.#run(entry.address, name, {
      agent: actor,
      override,
      ...(dialog ? { dialog } : {}),
    });
    if (handoff?.state === 'closed' && handoff.ticket === entry.ticket) return { ok: true, handoff };
    return { ok: false, status: 409, why: 'not your conversation' };
  }

  /** Nobody took the request in time: apologise and offer a callback (exactly once per ticket). */
  async timeout(entry: QueueEntry): Promise<void> {
    await this.#run(
      entry.address,
      HANDOFF_EVENTS.timeout,
      { ticket: entry.ticket },
      `handoff-timeout:${entry.ticket}`,
    );
  }

  /**
   * Puts a conversation in the queue from outside a dialog (an integration that needs a person to
   * decide something). Within a dialog, return `step.handoff('needs_decision', say, note)` instead.
   */
  async request(address: Address, reason: HandoffReason, note?: string): Promise<HandoffInfo | undefined> {
    const { handoff } = await this.#run(address, HANDOFF_EVENTS.request, {
      reason,
      ...(note ? { note } : {}),
    });
    return handoff;
  }
}
