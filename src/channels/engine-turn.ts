/**
 * What the chat platform adapters ask of the engine: the replies to an inbound, and the language a
 * conversation's session is in. Both fail soft, so that an adapter's update loop never throws.
 */
import type { Engine } from '../engine/engine.js';
import { conversationKey, type Address, type Inbound, type Locale, type Outbound } from '../engine/types.js';

/**
 * Hands `inbound` to the engine and returns the replies to send: none for a duplicate, and none
 * when the engine rejected the inbound (after `onRejected` was told why).
 */
export async function repliesTo(
  engine: Pick<Engine, 'process'>,
  inbound: Inbound,
  onRejected: (error: unknown) => void,
): Promise<Outbound[]> {
  let outcome;
  try {
    outcome = await engine.process(inbound);
  } catch (error) {
    onRejected(error);
    return [];
  }
  return outcome.duplicate ? [] : outcome.replies;
}

/** The language of the conversation's session; undefined when it has none or the store is down. */
export async function sessionLocale(
  engine: Pick<Engine, 'session'>,
  address: Address,
): Promise<Locale | undefined> {
  try {
    return (await engine.session(conversationKey(address)))?.locale;
  } catch {
    return undefined;
  }
}
