/**
 * Conversation-style tests: `await converse(engine).user('menu').expectChoices(['start:faq'])...`.
 * Each call queues one step; awaiting the chain runs them in order and fails at the first mismatch,
 * with the bot's actual replies in the message.
 */
import { expect } from 'vitest';
import type { Engine, TurnOutcome } from '../../src/engine/engine.js';
import type { Address, Inbound, Outbound } from '../../src/engine/types.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An inbound message without its id and address (the conversation adds those). */
export type InboundBody = DistributiveOmit<Inbound, 'id' | 'address'>;

let counter = 0;

/** A scripted conversation with one user on one channel. */
export class Conversation implements PromiseLike<void> {
  #chain: Promise<void> = Promise.resolve();
  #last: TurnOutcome | undefined;
  readonly address: Address;

  constructor(
    private readonly engine: Engine,
    options: { channel?: string; user?: string; localeHint?: string } = {},
  ) {
    const user = options.user ?? `user-${++counter}`;
    this.address = { channel: options.channel ?? 'test', conversationId: user, userId: user };
    this.localeHint = options.localeHint;
  }

  private readonly localeHint: string | undefined;

  /** The replies of the last turn. */
  get replies(): Outbound[] {
    return this.#last?.replies ?? [];
  }

  #queue(step: () => Promise<void> | void): this {
    this.#chain = this.#chain.then(step);
    return this;
  }

  /** Sends an inbound message (text by default). */
  send(body: InboundBody, id?: string): this {
    return this.#queue(async () => {
      const inbound = {
        ...body,
        id: id ?? `m-${++counter}`,
        address: this.address,
        ...(this.localeHint ? { localeHint: this.localeHint } : {}),
      };
      this.#last = await this.engine.process(inbound);
    });
  }

  /** The user types `text`. */
  user(text: string): this {
    return this.send({ kind: 'text', text });
  }

  /** The user taps the choice `choiceId`. */
  choose(choiceId: string): this {
    return this.send({ kind: 'choice', choiceId });
  }

  /** Asserts that some reply's text matches. */
  expectText(pattern: string | RegExp): this {
    return this.#queue(() => {
      const texts = this.replies.map((reply) => ('text' in reply ? reply.text : ''));
      const found = texts.some((text) =>
        typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text),
      );
      expect(found, `no reply matches ${String(pattern)}; replies: ${JSON.stringify(texts, null, 1)}`).toBe(
        true,
      );
    });
  }

  /** Asserts that no reply's text matches. */
  expectNoText(pattern: string | RegExp): this {
    return this.#queue(() => {
      const texts = this.replies.map((reply) => ('text' in reply ? reply.text : ''));
      const found = texts.some((text) =>
        typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text),
      );
      expect(found, `a reply matches ${String(pattern)}; replies: ${JSON.stringify(texts, null, 1)}`).toBe(
        false,
      );
    });
  }

  /** Asserts the last choices offered contain these ids (in this order when `exact`). */
  expectChoices(ids: string[], exact = false): this {
    return this.#queue(() => {
      const offered = this.replies.flatMap((reply) =>
        reply.kind === 'choices' ? reply.choices.map((c) => c.id) : [],
      );
      if (exact) expect(offered).toEqual(ids);
      else for (const id of ids) expect(offered, `choices offered: ${offered.join(', ')}`).toContain(id);
    });
  }

  /** Asserts what the conversation now waits for. */
  expectAwaiting(dialog: string | null, step?: string): this {
    return this.#queue(() => {
      expect(this.#last?.awaiting ?? null).toEqual(dialog === null ? null : { dialog, step });
    });
  }

  /** Asserts the last message produced no reply (e.g. a duplicate). */
  expectSilence(): this {
    return this.#queue(() => expect(this.replies).toEqual([]));
  }

  /** Runs an arbitrary check with the last replies. */
  check(fn: (replies: Outbound[]) => void | Promise<void>): this {
    return this.#queue(() => fn(this.replies));
  }

  then<R1 = void, R2 = never>(
    onfulfilled?: ((value: void) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    return this.#chain.then(onfulfilled, onrejected);
  }
}

/** Starts a scripted conversation with `engine`. */
export function converse(
  engine: Engine,
  options: { channel?: string; user?: string; localeHint?: string } = {},
): Conversation {
  return new Conversation(engine, options);
}
