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
import { conversationKey, Inbound, type Locale, type Outbound, type Awaiting } from './types.js';
import type { TurnContext } from './dialog.js';
import type { SessionStore, StoredSession } from '../store/session-store.js';
import type { Log } from '../log/logger.js';

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
}

/** The result of one handled message, for channels that want more than the replies. */
export interface TurnOutcome {
  replies: Outbound[];
  /** What the conversation now waits for, or null when nothing is pending. */
  awaiting: Awaiting | null;
  /** True when this message id was already processed (the replies are then empty). */
  duplicate: boolean;
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
    const messageId = `${channel}:${inbound.id}`;
    const fallbackLocale = localeFromHint(inbound.localeHint ?? this.#options.defaultLocale);
    try {
      const outcome = await this.#runWithStore(key, inbound, messageId);
      this.metrics.turns.inc({ channel, outcome: outcome.duplicate ? 'duplicate' : 'ok' });
      for (const outbound of outcome.replies) {
        if (outbound.awaiting) this.metrics.awaiting.inc(outbound.awaiting);
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
    const begun = await this.#begin(key, messageId);
    if (begun.status === 'duplicate') return { replies: [], awaiting: null, duplicate: true };
    const { lock } = begun;
    let stored: StoredSession | undefined = begun.stored;
    const maxRetries = this.#options.maxConflictRetries ?? 5;
    try {
      for (let attempt = 0; ; attempt++) {
        const now = this.#clock();
        const session = stored?.session ?? newSession(this.#firstLocale(inbound), now);
        const turn = new Turn(session, this.#runnerDeps(), inbound.address, now);
        const replies = await turn.run(inbound);
        session.turns += 1;
        session.updatedAt = now.toISOString();
        const committed = await this.#guard('commit', () =>
          store.commit(key, lock, session, stored?.rev ?? 0, messageId),
        );
        if (committed === 'ok')
          return { replies, awaiting: currentAwaiting(session, replies), duplicate: false };
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
  async #begin(key: string, messageId: string) {
    const deadline = Date.now() + (this.#options.lockWaitMs ?? 20_000);
    for (let delay = 1; ; delay = Math.min(delay * 2, 25)) {
      const result = await this.#guard('begin', () => this.#options.store.begin(key, messageId));
      if (result.status !== 'busy') return result;
      if (Date.now() > deadline) throw new TurnContentionError(key, 'lock_timeout');
      await sleep(delay);
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
