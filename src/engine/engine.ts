/**
 * The engine: the single entry point every channel calls. `handle(inbound)` = validate → dedupe by
 * channel message id → per-conversation serialisation → load session → global intents → dialog step
 * → revision-checked save (conflicts retried) → outbounds.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { DialogRegistry, Services } from './dialog.js';
import { InvalidInboundError, StoreUnavailableError, TurnContentionError } from './errors.js';
import type { Translator } from './i18n.js';
import { KeyedSerialQueue } from './lock.js';
import { EngineMetrics } from './metrics.js';
import { Turn, type Digression, type RouteDecision } from './runner.js';
import { localeFromHint, newSession, type Session } from './session.js';
import {
  conversationKey,
  Inbound,
  type Address,
  type Locale,
  type Outbound,
  type Awaiting,
} from './types.js';
import { rateCheck, rateNoticeDue } from './rate-limit.js';
import type { TurnContext } from './dialog.js';
import type { BeginResult, RateCheck, SessionStore, StoredSession } from '../store/session-store.js';
import type { Log } from '../log/logger.js';
import type { HandoffGate, TurnObserver, TurnRecord } from './handoff-gate.js';

/** Everything an engine is built from. */
export interface EngineOptions {
  store: SessionStore;
  dialogs: DialogRegistry;
  translator: Translator;
  /** Where input goes when no dialog is running. */
  route(input: Inbound, ctx: TurnContext): RouteDecision;
  services: Services;
  digression?: Digression;
  menuDialog?: string;
  languageDialog?: string;
  defaultLocale?: Locale;
  clock?: () => Date;
  log?: Log;
  metrics?: EngineMetrics;
  /** How long a turn waits for a conversation locked by another process (ms, default 20 s). */
  lockWaitMs?: number;
  /** Revision conflicts retried before giving up (default 5). */
  maxConflictRetries?: number;
  /** Human handoff: consulted first in every turn (see src/handoff/). */
  handoff?: HandoffGate;
  /** Told about every committed turn (transcripts, live console events). */
  observer?: TurnObserver;
  /**
   * Messages a user (channel + user id) may send per minute; over it they get one notice, then
   * silence until the minute is over. Unset or 0: no limit (tests, tools). `RATE_LIMIT_PER_MINUTE`.
   */
  rateLimitPerMinute?: number;
  /** Channels the rate limit does not apply to (the local terminal, `cli`). */
  rateLimitExemptChannels?: readonly string[];
  /** Longest text processed (characters); longer ones get a notice instead (default 2,000; 0 = no limit). */
  maxTextLength?: number;
  /**
   * Called after a conversation was forgotten ("hapus data saya", confirmed): its emptied session was
   * saved and deleted; delete what other stores keep of it (transcripts, queue entries). Failures are
   * logged.
   */
  onErase?: (address: Address, key: string) => Promise<void>;
}

/** Default {@link EngineOptions.maxTextLength}. */
export const DEFAULT_MAX_TEXT_LENGTH = 2_000;

/** The result of one handled message, for channels that want more than the replies. */
export interface TurnOutcome {
  replies: Outbound[];
  /** What the conversation now waits for, or null when nothing is pending. */
  awaiting: Awaiting | null;
  /** True when this message id was already processed (the replies are then empty). */
  duplicate: boolean;
  /** True when the user was over the rate limit: the message was not processed. */
  limited?: boolean;
}

/** The channel-agnostic dialog engine. */
export class Engine {
  readonly metrics: EngineMetrics;
  readonly #queue = new KeyedSerialQueue();
  readonly #options: EngineOptions;
  readonly #clock: () => Date;
  #closing = false;

  constructor(options: EngineOptions) {
    this.#options = options;
    this.metrics = options.metrics ?? new EngineMetrics();
    this.#clock = options.clock ?? (() => new Date());
  }

  /** The session store in use. */
  get store(): SessionStore {
    return this.#options.store;
  }

  /** Handles one inbound message and returns the replies to deliver. */
  async handle(raw: unknown): Promise<Outbound[]> {
    return (await this.process(raw)).replies;
  }

  /** Like {@link handle}, with what the conversation awaits and whether the message was a duplicate. */
  async process(raw: unknown): Promise<TurnOutcome> {
    const parsed = Inbound.safeParse(raw);
    if (!parsed.success) {
      throw new InvalidInboundError(
        parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      );
    }
    const inbound = parsed.data;
    const key = conversationKey(inbound.address);
    return this.#queue.run(key, () => this.#turn(key, inbound));
  }

  /** Reads a conversation's session without taking part in a turn (console, tests). */
  async session(key: string): Promise<Session | undefined> {
    return (await this.#options.store.get(key))?.session;
  }

  /** Conversations with a turn queued or running. */
  get inFlight(): number {
    return this.#queue.activeKeys;
  }

  /** Stops accepting new work and waits for in-flight turns to finish. */
  async drain(): Promise<void> {
    this.#closing = true;
    await this.#queue.drain();
  }

  /** Whether {@link drain} has been called. */
  get closing(): boolean {
    return this.#closing;
  }

  async #turn(key: string, inbound: Inbound): Promise<TurnOutcome> {
    const channel = inbound.address.channel;
    const stopTimer = this.metrics.turnSeconds.startTimer({ channel });
    const started = performance.now();
    const messageId = `${channel}:${inbound.id}`;
    const fallbackLocale = localeFromHint(inbound.localeHint ?? this.#options.defaultLocale);
    try {
      const outcome = await this.#runWithStore(key, inbound, messageId);
      const label = outcome.duplicate ? 'duplicate' : outcome.limited ? 'limited' : 'ok';
      this.metrics.turns.inc({ channel, outcome: label });
      for (const outbound of outcome.replies) {
        if (outbound.awaiting) this.metrics.awaiting.inc(outbound.awaiting);
      }
      // What operators trace a slow or odd turn with: never the user's text, ids or replies. Built
      // only when debug logging is on: this runs on every turn.
      const log = this.#options.log;
      if (log?.isLevelEnabled('debug')) {
        log.debug(
          {
            channel,
            kind: inbound.kind,
            outcome: label,
            replies: outcome.replies.length,
            awaiting: outcome.awaiting ? `${outcome.awaiting.dialog}:${outcome.awaiting.step}` : null,
            ms: Math.round((performance.now() - started) * 1000) / 1000,
          },
          'turn',
        );
      }
      return outcome;
    } catch (error) {
      const kind =
        error instanceof StoreUnavailableError
          ? 'store'
          : error instanceof TurnContentionError
            ? 'contention'
            : 'dialog';
      this.metrics.errors.inc({ kind });
      this.metrics.turns.inc({ channel, outcome: 'error' });
      this.#options.log?.error({ err: error, conversation: key, kind }, 'turn failed');
      const textKey = kind === 'dialog' ? 'engine:error' : 'engine:unavailable';
      const text = this.#options.translator.translate(fallbackLocale)(textKey);
      return { replies: [{ kind: 'text', text }], awaiting: null, duplicate: false };
    } finally {
      stopTimer();
    }
  }

  async #runWithStore(key: string, inbound: Inbound, messageId: string): Promise<TurnOutcome> {
    const store = this.#options.store;
    const exempt = this.#options.rateLimitExemptChannels?.includes(inbound.address.channel) ?? false;
    const perMinute = exempt ? 0 : (this.#options.rateLimitPerMinute ?? 0);
    const rate = perMinute > 0 ? rateCheck(inbound.address, this.#clock(), perMinute) : undefined;
    const begun = await this.#begin(key, messageId, rate);
    if (begun.status === 'duplicate') return { replies: [], awaiting: null, duplicate: true };
    if (begun.status === 'limited') return this.#limited(begun, perMinute, inbound);
    const { lock } = begun;
    let stored: StoredSession | undefined = begun.stored;
    const maxRetries = this.#options.maxConflictRetries ?? 5;
    try {
      for (let attempt = 0; ; attempt++) {
        const now = this.#clock();
        const session = stored?.session ?? newSession(this.#firstLocale(inbound), now);
        const turn = new Turn(session, this.#runnerDeps(), inbound.address, now);
        const replies = this.#tooLong(inbound)
          ? [this.#tooLongNotice(session.locale)]
          : await turn.run(inbound);
        session.turns += 1;
        session.updatedAt = now.toISOString();
        const committed = await this.#guard('commit', () =>
          store.commit(key, lock, session, stored?.rev ?? 0, messageId),
        );
        if (committed === 'ok') {
          await this.#observe({ key, inbound, replies, session, now });
          if (turn.erased) await this.#erase(key, inbound.address);
          return { replies, awaiting: currentAwaiting(session, replies), duplicate: false };
        }
        this.metrics.conflicts.inc();
        if (attempt >= maxRetries) throw new TurnContentionError(key, 'conflicts');
        stored = await this.#guard('get', () => store.get(key));
      }
    } catch (error) {
      await store.release(key, lock).catch(() => undefined);
      throw error;
    }
  }

  /** Takes the conversation's lock, waiting with backoff while another process holds it. */
  async #begin(key: string, messageId: string, rate: RateCheck | undefined) {
    const deadline = Date.now() + (this.#options.lockWaitMs ?? 20_000);
    for (let delay = 1; ; delay = Math.min(delay * 2, 25)) {
      const result = await this.#guard('begin', () => this.#options.store.begin(key, messageId, rate));
      if (result.status !== 'busy') return result;
      if (Date.now() > deadline) throw new TurnContentionError(key, 'lock_timeout');
      await sleep(delay);
    }
  }

  /** A message over the rate limit: one notice for the first in the window, silence after it. */
  #limited(
    begun: Extract<BeginResult, { status: 'limited' }>,
    perMinute: number,
    inbound: Inbound,
  ): TurnOutcome {
    const outcome = { awaiting: null, duplicate: false, limited: true };
    if (!rateNoticeDue(begun.count, perMinute)) return { replies: [], ...outcome };
    const locale = begun.stored?.session.locale ?? this.#firstLocale(inbound);
    const text = this.#options.translator.translate(locale)('engine:rate_limited', { limit: perMinute });
    this.#options.log?.warn(
      { channel: inbound.address.channel, limit: perMinute },
      'user over the rate limit',
    );
    return { replies: [{ kind: 'text', text }], ...outcome };
  }

  /** Whether a text is longer than the engine processes. */
  #tooLong(inbound: Inbound): boolean {
    const max = this.#options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
    return max > 0 && inbound.kind === 'text' && inbound.text.length > max;
  }

  #tooLongNotice(locale: Locale): Outbound {
    const max = this.#options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
    const formatted = max.toLocaleString(locale === 'en' ? 'en-US' : 'id-ID');
    return {
      kind: 'text',
      text: this.#options.translator.translate(locale)('engine:too_long', { max: formatted }),
    };
  }

  /** Deletes a forgotten conversation's session and tells `onErase`; failures are logged. */
  async #erase(key: string, address: Address): Promise<void> {
    try {
      await this.#options.store.delete(key);
      await this.#options.onErase?.(address, key);
      this.#options.log?.info({ channel: address.channel }, "conversation data erased at the user's request");
    } catch (error) {
      this.#options.log?.error({ err: error, conversation: key }, 'erasing a conversation failed');
    }
  }

  /** Tells the observer about a committed turn; its failures are logged, never shown to the user. */
  async #observe(record: TurnRecord): Promise<void> {
    try {
      await this.#options.observer?.afterTurn(record);
    } catch (error) {
      this.#options.log?.warn({ err: error, conversation: record.key }, 'turn observer failed');
    }
  }

  async #guard<T>(operation: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw new StoreUnavailableError(operation, error);
    }
  }

  #firstLocale(inbound: Inbound): Locale {
    return inbound.localeHint ? localeFromHint(inbound.localeHint) : (this.#options.defaultLocale ?? 'id');
  }

  #runnerDeps() {
    const options = this.#options;
    return {
      dialogs: options.dialogs as DialogRegistry,
      route: options.route,
      menuDialog: options.menuDialog ?? 'menu',
      languageDialog: options.languageDialog ?? 'language',
      translate: (locale: Locale) => options.translator.translate(locale),
      services: options.services,
      ...(options.digression ? { digression: options.digression } : {}),
      ...(options.handoff ? { handoff: options.handoff } : {}),
    };
  }
}

/** The step the conversation waits on after a turn: the last prompt's, if its frame is still on top. */
function currentAwaiting(session: Session, replies: readonly Outbound[]): Awaiting | null {
  const last = [...replies].reverse().find((outbound) => outbound.awaiting)?.awaiting;
  if (last) return last;
  const top = session.stack.at(-1);
  return top ? { dialog: top.dialog, step: top.step } : null;
}
