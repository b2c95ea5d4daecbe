/**
 * Test doubles for the WhatsApp channel: a fake Baileys socket (a typed event emitter with the real
 * `BaileysEventMap` names, recording what the channel sends), real-shaped `WAMessage` builders on
 * Baileys' own protobuf classes, a manual scheduler and an in-memory auth state.
 */
import {
  DisconnectReason,
  initAuthCreds,
  proto,
  type AnyMessageContent,
  type BaileysEventEmitter,
  type BaileysEventMap,
  type SignalDataTypeMap,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAMessageKey,
  type WAPresence,
} from '@whiskeysockets/baileys';
import type { Scheduler, SocketFactory, WhatsAppSocket } from '../../src/channels/whatsapp/adapter.js';
import type { WhatsAppAuthState } from '../../src/channels/whatsapp/auth-state.js';

type Listener = (arg: never) => void;

/** A typed emitter with Baileys' event names. */
export class FakeEventEmitter implements BaileysEventEmitter {
  readonly #listeners = new Map<keyof BaileysEventMap, Set<Listener>>();

  on<T extends keyof BaileysEventMap>(event: T, listener: (arg: BaileysEventMap[T]) => void): void {
    const set = this.#listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    this.#listeners.set(event, set);
  }

  off<T extends keyof BaileysEventMap>(event: T, listener: (arg: BaileysEventMap[T]) => void): void {
    this.#listeners.get(event)?.delete(listener as Listener);
  }

  removeAllListeners<T extends keyof BaileysEventMap>(event: T): void {
    this.#listeners.delete(event);
  }

  emit<T extends keyof BaileysEventMap>(event: T, arg: BaileysEventMap[T]): boolean {
    const set = this.#listeners.get(event);
    for (const listener of set ?? []) (listener as (value: BaileysEventMap[T]) => void)(arg);
    return Boolean(set?.size);
  }

  listenerCount(event: keyof BaileysEventMap): number {
    return this.#listeners.get(event)?.size ?? 0;
  }
}

/** One recorded `sendMessage` call. */
export interface SentMessage {
  jid: string;
  content: AnyMessageContent;
}

/** A fake socket: emits what the test says, records what the channel does. */
export class FakeSocket implements WhatsAppSocket {
  readonly ev = new FakeEventEmitter();
  readonly sent: SentMessage[] = [];
  readonly read: WAMessageKey[][] = [];
  readonly presence: Array<{ type: WAPresence; jid: string | undefined }> = [];
  readonly reuploads: WAMessage[] = [];
  readonly pairingRequests: string[] = [];
  ended = false;
  #counter = 0;

  constructor(readonly config: UserFacingSocketConfig) {}

  async sendMessage(jid: string, content: AnyMessageContent): Promise<WAMessage | undefined> {
    this.sent.push({ jid, content });
    const id = `BOT${++this.#counter}`;
    return {
      key: { remoteJid: jid, fromMe: true, id },
      message: { conversation: 'text' in content ? content.text : '' },
    };
  }

  async readMessages(keys: WAMessageKey[]): Promise<void> {
    this.read.push(keys);
  }

  async sendPresenceUpdate(type: WAPresence, jid?: string): Promise<void> {
    this.presence.push({ type, jid });
  }

  async updateMediaMessage(message: WAMessage): Promise<WAMessage> {
    this.reuploads.push(message);
    return message;
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    this.pairingRequests.push(phoneNumber);
    return 'TANY-A123';
  }

  end(): void {
    this.ended = true;
  }

  /** Emits `connection.update` with `connection: 'open'`. */
  open(): void {
    this.ev.emit('connection.update', { connection: 'open' });
  }

  /** Emits a close with Baileys' Boom error for `statusCode`. */
  close(statusCode: number): void {
    this.ev.emit('connection.update', {
      connection: 'close',
      lastDisconnect: { error: boom(statusCode), date: new Date() },
    });
  }

  /** Emits `messages.upsert` (type notify by default). */
  upsert(messages: WAMessage[], type: 'notify' | 'append' = 'notify'): void {
    this.ev.emit('messages.upsert', { messages, type });
  }

  /** The text bodies sent so far (locations as `📍 name`). */
  texts(): string[] {
    return this.sent.map(({ content }) =>
      'text' in content ? content.text : 'location' in content ? `📍 ${content.location.name ?? ''}` : '?',
    );
  }
}

/** An error shaped like the `Boom` Baileys closes connections with (`output.statusCode`). */
export function boom(statusCode: number, message = 'Connection Failure'): Error {
  return Object.assign(new Error(message), {
    isBoom: true,
    output: { statusCode, payload: { statusCode, message }, headers: {} },
  });
}

/** A socket factory that records every socket it makes. */
export function fakeSocketFactory(): { factory: SocketFactory; sockets: FakeSocket[]; latest(): FakeSocket } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    factory: (config) => {
      const socket = new FakeSocket(config);
      sockets.push(socket);
      return socket;
    },
    latest() {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket was made');
      return socket;
    },
  };
}

/** Timers that fire only when the test says so. */
export class ManualScheduler implements Scheduler {
  #next = 1;
  readonly timers = new Map<number, { ms: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): number {
    const handle = this.#next++;
    this.timers.set(handle, { ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Delays of the pending timers, in creation order. */
  pending(): number[] {
    return [...this.timers.values()].map((timer) => timer.ms);
  }

  /** Fires every pending timer with a delay of at most `maxMs` (default: all). */
  runDue(maxMs = Infinity): number {
    let fired = 0;
    for (const [handle, timer] of [...this.timers]) {
      if (timer.ms > maxMs) continue;
      this.timers.delete(handle);
      timer.callback();
      fired += 1;
    }
    return fired;
  }
}

/** An in-memory auth state that counts clears, for lifecycle tests. */
export function memoryAuthState(): WhatsAppAuthState & { clears: number; saves: number } {
  const keys = new Map<string, unknown>();
  const state = {
    creds: initAuthCreds(),
    keys: {
      async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
        const found: { [id: string]: SignalDataTypeMap[T] } = {};
        for (const id of ids) {
          const value = keys.get(`${type}/${id}`);
          if (value !== undefined) found[id] = value as SignalDataTypeMap[T];
        }
        return found;
      },
      async set(data: Record<string, Record<string, unknown>>) {
        for (const [type, entries] of Object.entries(data)) {
          for (const [id, value] of Object.entries(entries)) {
            if (value == null) keys.delete(`${type}/${id}`);
            else keys.set(`${type}/${id}`, value);
          }
        }
      },
    },
  };
  const auth = {
    state,
    location: 'memory',
    clears: 0,
    saves: 0,
    async saveCreds() {
      auth.saves += 1;
    },
    async clear() {
      auth.clears += 1;
      keys.clear();
    },
  };
  return auth;
}

let messageCounter = 0;

/** Options of {@link waMessage}. */
export interface MessageShape {
  remoteJid?: string;
  remoteJidAlt?: string;
  participant?: string;
  participantAlt?: string;
  fromMe?: boolean;
  id?: string;
  pushName?: string;
}

/**
 * A `WAMessage` as Baileys 7 emits it in `messages.upsert`: a `proto.WebMessageInfo` (Long timestamp,
 * protobuf `Message` content) whose key carries the LID/phone alternative fields.
 */
export function waMessage(content: proto.IMessage, shape: MessageShape = {}): WAMessage {
  const info = proto.WebMessageInfo.fromObject({
    key: {
      remoteJid: shape.remoteJid ?? '628111222333@s.whatsapp.net',
      fromMe: shape.fromMe ?? false,
      id: shape.id ?? `3EB0${(++messageCounter).toString(16).toUpperCase().padStart(12, '0')}`,
      ...(shape.participant ? { participant: shape.participant } : {}),
    },
    message: content as Record<string, unknown>,
    messageTimestamp: 1_763_694_000,
    pushName: shape.pushName ?? 'Siti',
  });
  const key: WAMessageKey = {
    ...(info.key as proto.IMessageKey),
    ...(shape.remoteJidAlt ? { remoteJidAlt: shape.remoteJidAlt } : {}),
    ...(shape.participantAlt ? { participantAlt: shape.participantAlt } : {}),
    addressingMode: (shape.remoteJid ?? '').endsWith('@lid') ? 'lid' : 'pn',
  };
  return Object.assign(info, { key }) as WAMessage;
}

/** A text message. */
export function textMessage(text: string, shape: MessageShape = {}): WAMessage {
  return waMessage({ conversation: text }, shape);
}

export { DisconnectReason };
