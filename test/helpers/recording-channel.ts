/**
 * A channel that records what is pushed to it, for tests of proactive messages (notifications).
 */
import type { Channel } from '../../src/channels/channel.js';
import type { Address, Outbound } from '../../src/engine/types.js';

/** One delivery the channel received. */
export interface Delivery {
  address: Address;
  outbounds: readonly Outbound[];
}

/** A recording {@link Channel} named `name`. */
export class RecordingChannel implements Channel {
  readonly sent: Delivery[] = [];
  readonly #waiters: { count: number; resolve: () => void }[] = [];

  constructor(readonly name: string) {}

  async send(address: Address, outbounds: readonly Outbound[]): Promise<void> {
    this.sent.push({ address, outbounds });
    for (const waiter of this.#waiters.filter((w) => this.sent.length >= w.count)) waiter.resolve();
  }

  /** Resolves once `count` deliveries have arrived in all. */
  waitFor(count: number): Promise<Delivery[]> {
    if (this.sent.length >= count) return Promise.resolve(this.sent);
    return new Promise((resolve) => this.#waiters.push({ count, resolve: () => resolve(this.sent) }));
  }

  /** The texts of delivery `index`. */
  text(index: number): string {
    return (this.sent[index]?.outbounds ?? []).map((o) => ('text' in o ? o.text : '')).join('\n');
  }
}
