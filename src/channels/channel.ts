/**
 * The contract between the engine's world and a chat platform. A channel maps native events to
 * {@link Inbound}s and hands them to the engine (inbound path), delivers {@link Outbound}s the engine
 * returns or that are pushed later (agent replies, claim status notices), and fetches files users sent.
 */
import type { FastifyInstance } from 'fastify';
import type { Address, FileRef, Outbound } from '../engine/types.js';

/** A chat platform adapter. */
export interface Channel {
  /** The `Address.channel` value this adapter owns (`telegram`, `whatsapp`, `botframework`, `web`, `cli`). */
  readonly name: string;
  /** Adds HTTP routes (webhooks, pages) before the server starts listening. */
  registerRoutes?(server: FastifyInstance): void | Promise<void>;
  /** Connects (long polling, sockets); resolves once running. */
  start?(): Promise<void>;
  /** Disconnects and stops accepting input; in-flight deliveries finish. */
  stop?(): Promise<void>;
  /** Delivers outbounds to a conversation outside a reply (agent messages, notifications). */
  send(address: Address, outbounds: readonly Outbound[]): Promise<void>;
  /** Downloads a file a user sent, for dialogs that need its bytes. */
  fetchFile?(file: FileRef, maxBytes: number): Promise<Buffer>;
  /** Deletes what the channel itself keeps of a conversation (its user asked to delete their data). */
  forget?(address: Address): Promise<void>;
}

/** A file could not be fetched from its channel; `reason` says why in a way a dialog can explain. */
export class FileFetchError extends Error {
  override readonly name = 'FileFetchError';
  constructor(
    readonly reason: 'too_large' | 'expired' | 'not_found' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

/** The channels of one process, by name. */
export class ChannelRegistry {
  readonly #channels = new Map<string, Channel>();

  /** Adds a channel; a name registered twice is a programming error. */
  register(channel: Channel): this {
    if (this.#channels.has(channel.name)) throw new Error(`channel ${channel.name} registered twice`);
    this.#channels.set(channel.name, channel);
    return this;
  }

  /** The channel with this name. */
  get(name: string): Channel | undefined {
    return this.#channels.get(name);
  }

  /** All registered channels. */
  all(): Channel[] {
    return [...this.#channels.values()];
  }

  /** Delivers to the conversation's own channel; throws when that channel is not running here. */
  async send(address: Address, outbounds: readonly Outbound[]): Promise<void> {
    const channel = this.#channels.get(address.channel);
    if (!channel) throw new Error(`channel ${address.channel} is not running in this process`);
    await channel.send(address, outbounds);
  }

  /** Lets the conversation's channel delete what it keeps of it (nothing when not running here). */
  async forget(address: Address): Promise<void> {
    await this.#channels.get(address.channel)?.forget?.(address);
  }

  /** Fetches a file from the channel it came from. */
  async fetchFile(channelName: string, file: FileRef, maxBytes: number): Promise<Buffer> {
    const channel = this.#channels.get(channelName);
    if (!channel?.fetchFile)
      throw new FileFetchError('unavailable', `channel ${channelName} cannot fetch files`);
    return channel.fetchFile(file, maxBytes);
  }
}
