import type { OutboxTimers } from '../../src/channels/outbox.js';

/** Lets pending promise callbacks run: `rounds` turns of the microtask queue. */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/** A manual clock with timers that fire only when the test advances time. */
export class ManualTime implements OutboxTimers {
  now = 0;
  #timers: Array<{ at: number; callback: () => void; id: number }> = [];
  #nextId = 1;
  readonly #flushRounds: number;

  /** `flushRounds`: how many microtask turns to let run before and after each fired timer. */
  constructor(flushRounds = 20) {
    this.#flushRounds = flushRounds;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.push({ at: this.now + ms, callback, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers = this.#timers.filter((timer) => timer.id !== handle);
  }

  /** Moves time forward, firing due timers in order and letting promise callbacks run between. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      await flush(this.#flushRounds);
      const due = this.#timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((timer) => timer !== due);
      this.now = Math.max(this.now, due.at);
      due.callback();
    }
    this.now = end;
    await flush(this.#flushRounds);
  }
}
