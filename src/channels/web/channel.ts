/**
 * The web chat as a {@link Channel} (`web`): replies to a message come back in the POST's response;
 * everything pushed later (agent replies, the bot greeting after an agent closes) goes through the
 * event hub to the page's Server-Sent Events stream, on whichever instance the browser is connected to.
 */
import { z } from 'zod';
import type { Address, FileRef, Outbound } from '../../engine/types.js';
import { Outbound as OutboundSchema } from '../../engine/types.js';
import type { Channel } from '../channel.js';
import type { EventHub } from '../../handoff/stores.js';
import type { WebIdentity } from './identity.js';
import type { WebLimits } from './limits.js';
import type { WebUploads } from './uploads.js';

/** The hub topic of web chat pushes. */
export const WEB_TOPIC = 'web';

const WebPush = z.object({ conversationId: z.string(), outbounds: z.array(OutboundSchema) });

/** The web channel, with a way for SSE streams to listen to one conversation. */
export interface WebChannel extends Channel {
  readonly uploads: WebUploads;
  /** Cookies and the conversation ids derived from them. */
  readonly identity: WebIdentity;
  /** New conversations per address, uploads per conversation. */
  readonly limits: WebLimits;
  /** Calls `listener` with every push to the conversation until the returned function is called. */
  listen(conversationId: string, listener: (outbounds: Outbound[]) => void): () => void;
  /** Open SSE streams in this process. */
  readonly listeners: number;
}

/** What the web channel is built from. */
export interface WebChannelParts {
  hub: EventHub;
  uploads: WebUploads;
  identity: WebIdentity;
  limits: WebLimits;
}

/** Creates the web channel over the hub, the upload storage, the cookie identity and the limits. */
export function createWebChannel({ hub, uploads, identity, limits }: WebChannelParts): WebChannel {
  const listeners = new Map<string, Set<(outbounds: Outbound[]) => void>>();
  let count = 0;
  hub.subscribe(WEB_TOPIC, (data) => {
    const push = WebPush.safeParse(data);
    if (!push.success) return;
    for (const listener of listeners.get(push.data.conversationId) ?? []) listener(push.data.outbounds);
  });
  return {
    name: 'web',
    uploads,
    identity,
    limits,
    async send(address: Address, outbounds: readonly Outbound[]) {
      await hub.publish(WEB_TOPIC, { conversationId: address.conversationId, outbounds: [...outbounds] });
    },
    async fetchFile(file: FileRef, maxBytes: number) {
      return uploads.read(file, maxBytes);
    },
    async forget(address: Address) {
      await uploads.forget(address.conversationId);
    },
    listen(conversationId, listener) {
      let set = listeners.get(conversationId);
      if (!set) listeners.set(conversationId, (set = new Set()));
      set.add(listener);
      count++;
      return () => {
        if (!set.delete(listener)) return;
        count--;
        if (!set.size) listeners.delete(conversationId);
      };
    },
    get listeners() {
      return count;
    },
  };
}
