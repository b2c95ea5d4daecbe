/**
 * The load harness's view of replies. A {@link ReplyLog} keeps, per chat, what the bot produced (from
 * the engine's outcomes, mapped through the channel's own pure mapper into the messages the platform
 * will get) and what the fake platform servers actually received; simulated users wait on it.
 */
import { outboundsToCalls } from '../../src/channels/telegram/map.js';
import { outboundsToActivities } from '../../src/channels/botframework/map.js';
import type { Outbound } from '../../src/engine/types.js';
import { htmlProblem, type FakeBotApi } from '../../test/channels/telegram-fake.js';
import type { FakeConnector } from '../../test/channels/botframework-fake.js';

interface Waiter {
  turns: number;
  resolve: (ok: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * Expected and received replies per chat (`channel:conversationId`, as the engine keys them), and
 * how many turns (not counting duplicate deliveries) the engine completed per chat.
 */
export class ReplyLog {
  readonly #expected = new Map<string, string[]>();
  readonly #received = new Map<string, string[]>();
  readonly #turns = new Map<string, number>();
  readonly #lastEngineMs = new Map<string, number>();
  readonly #waiters = new Map<string, Waiter[]>();

  /**
   * The engine completed a turn for `chat` that produced these messages (in order), taking
   * `engineMs` in the server.
   */
  turn(chat: string, keys: readonly string[], engineMs = 0): void {
    this.#turns.set(chat, (this.#turns.get(chat) ?? 0) + 1);
    this.#lastEngineMs.set(chat, engineMs);
    if (keys.length) {
      const list = this.#expected.get(chat) ?? [];
      list.push(...keys);
      this.#expected.set(chat, list);
    }
    this.#wake(chat);
  }

  /** The platform received a message for `chat`. */
  receive(chat: string, key: string): void {
    const list = this.#received.get(chat) ?? [];
    list.push(key);
    this.#received.set(chat, list);
    this.#wake(chat);
  }

  /** How long the server's engine took for the last turn of `chat` (ms). */
  lastEngineMs(chat: string): number | undefined {
    return this.#lastEngineMs.get(chat);
  }

  expectedCount(chat: string): number {
    return this.#expected.get(chat)?.length ?? 0;
  }

  receivedCount(chat: string): number {
    return this.#received.get(chat)?.length ?? 0;
  }

  /** Whether `chat` had `turns` turns and received every message they produced. */
  #settled(chat: string, turns: number): boolean {
    return (this.#turns.get(chat) ?? 0) >= turns && this.receivedCount(chat) >= this.expectedCount(chat);
  }

  #wake(chat: string): void {
    const waiters = this.#waiters.get(chat);
    if (!waiters) return;
    for (const waiter of [...waiters]) {
      if (!this.#settled(chat, waiter.turns)) continue;
      clearTimeout(waiter.timer);
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(true);
    }
  }

  /**
   * Resolves true once the engine completed `turns` turns for `chat` and the platform received every
   * message they produced; false after `timeoutMs`.
   */
  waitForTurn(chat: string, turns: number, timeoutMs: number): Promise<boolean> {
    if (this.#settled(chat, turns)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(chat) ?? [];
      const waiter: Waiter = {
        turns,
        resolve,
        timer: setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          resolve(false);
        }, timeoutMs),
      };
      waiters.push(waiter);
      this.#waiters.set(chat, waiters);
    });
  }

  /** Every chat with expected or received messages, and both sequences. */
  chats(): Array<{ chat: string; expected: string[]; received: string[] }> {
    const names = new Set([...this.#expected.keys(), ...this.#received.keys()]);
    return [...names].map((chat) => ({
      chat,
      expected: this.#expected.get(chat) ?? [],
      received: this.#received.get(chat) ?? [],
    }));
  }
}

/** The Telegram messages `replies` become (keys: the text sent, `venue:<title>` for venues). */
export function telegramKeys(chatId: number, replies: readonly Outbound[]): string[] {
  const { calls } = outboundsToCalls(chatId, replies, {
    parseMode: 'HTML',
    locationButtonLabel: 'location',
    replyKeyboardShown: false,
  });
  return calls.map((call) => {
    if (call.method === 'sendVenue') return `venue:${call.payload.title}`;
    // Formatting Telegram rejects is resent as plain text by the channel.
    return htmlProblem(call.payload.text) ? call.plain : call.payload.text;
  });
}

/** The Bot Framework activities `replies` become (keys: their text, or the card title). */
export function botFrameworkKeys(userId: string, replies: readonly Outbound[]): string[] {
  return outboundsToActivities(replies, { channelId: 'emulator', userId }).map(
    (activity) => activity.text ?? activity.attachments?.[0]?.content.title ?? '',
  );
}

/**
 * Moves what the fake servers recorded into `log`, every `intervalMs`; returns a function that does
 * a last pass and stops. Rejected Telegram sends (formatting Telegram refuses) are not deliveries.
 */
export function pumpReplies(
  log: ReplyLog,
  telegram: FakeBotApi,
  connector: FakeConnector,
  intervalMs = 2,
): () => void {
  let telegramAt = 0;
  let connectorAt = 0;
  const pump = () => {
    for (; telegramAt < telegram.calls.length; telegramAt++) {
      const call = telegram.calls[telegramAt];
      if (!call) continue;
      const chat = `telegram:${String(call.payload.chat_id)}`;
      if (call.method === 'sendVenue') log.receive(chat, `venue:${String(call.payload.title)}`);
      if (call.method !== 'sendMessage') continue;
      const text = String(call.payload.text ?? '');
      if (call.payload.parse_mode === 'HTML' && htmlProblem(text)) continue;
      log.receive(chat, text);
    }
    for (; connectorAt < connector.calls.length; connectorAt++) {
      const call = connector.calls[connectorAt];
      if (!call) continue;
      const activity = call.activity as {
        text?: string;
        attachments?: Array<{ content?: { title?: string } }>;
      };
      const key = activity.text ?? activity.attachments?.[0]?.content?.title ?? '';
      log.receive(`botframework:emulator:${call.conversationId}`, key);
    }
  };
  const timer = setInterval(pump, intervalMs);
  return () => {
    clearInterval(timer);
    pump();
  };
}
