/**
 * Delivers outbounds to a user through their own channel. When that channel does not run in this
 * process (a WhatsApp socket held by another instance), the outbounds go over the hub and the
 * instance that runs it sends them, exactly once (a claim per delivery id).
 */
import { randomUUID } from 'node:crypto';
import type { ChannelRegistry } from '../channels/channel.js';
import type { Address, Outbound } from '../engine/types.js';
import type { Log } from '../log/logger.js';
import { DeliveryEvent } from './model.js';
import type { EventHub } from './stores.js';

/** The hub topic of deliveries for other instances. */
export const DELIVERY_TOPIC = 'deliver';

/** Sends proactive messages to users. */
export interface Delivery {
  deliver(address: Address, outbounds: readonly Outbound[]): Promise<void>;
  /** Stops listening for other instances' deliveries. */
  close(): void;
}

/** Creates delivery over `channels`, relaying through `hub` when the channel runs elsewhere. */
export function createDelivery(channels: ChannelRegistry, hub: EventHub, log?: Log): Delivery {
  const unsubscribe = hub.subscribe(DELIVERY_TOPIC, (data) => {
    const parsed = DeliveryEvent.safeParse(data);
    if (!parsed.success) return;
    const { id, address, outbounds } = parsed.data;
    if (!channels.get(address.channel)) return;
    void (async () => {
      if (!(await hub.claim(`deliver:${id}`, 10 * 60_000))) return;
      await channels.send(address, outbounds);
    })().catch((error: unknown) =>
      log?.warn({ err: (error as Error).message, channel: address.channel }, 'relayed delivery failed'),
    );
  });
  return {
    async deliver(address, outbounds) {
      if (!outbounds.length) return;
      if (channels.get(address.channel)) {
        await channels.send(address, outbounds);
        return;
      }
      if (!hub.distributed) throw new Error(`channel ${address.channel} is not running in this process`);
      const event: DeliveryEvent = { id: randomUUID(), address, outbounds: [...outbounds] };
      await hub.publish(DELIVERY_TOPIC, event);
    },
    close: unsubscribe,
  };
}
