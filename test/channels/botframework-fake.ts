/**
 * A fake Bot Framework connector (what the Emulator or a channel service runs) on loopback: it
 * records the activities the bot posts back (`POST /v3/conversations/:id/activities[/:replyToId]`)
 * and serves attachment downloads. {@link EmulatorUser} builds real-shaped incoming activities.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One activity the bot sent. */
export interface ConnectorCall {
  conversationId: string;
  replyToId: string | undefined;
  authorization: string | undefined;
  activity: Record<string, unknown>;
}

/** The fake connector. */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  readonly attachments = new Map<string, Buffer>();
  /** Attachment ids answered with a 302 to the given URL. */
  readonly redirects = new Map<string, string>();
  readonly downloads: Array<{ path: string; authorization: string | undefined }> = [];
  readonly #server: Server;
  serviceUrl = '';
  #nextId = 1;

  private constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  static async start(): Promise<FakeConnector> {
    const fake = new FakeConnector();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.serviceUrl = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}/`;
    return fake;
  }

  /** Activities sent to one conversation. */
  to(conversationId: string): ConnectorCall[] {
    return this.calls.filter((call) => call.conversationId === conversationId);
  }

  /** Waits until `predicate` holds (polls every 10 ms). */
  async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(`timed out; calls: ${JSON.stringify(this.calls).slice(0, 3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.serviceUrl);
    const auth = req.headers.authorization;
    const attachment = /^\/attachments\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && attachment) {
      this.downloads.push({ path: url.pathname, authorization: auth });
      const location = this.redirects.get(attachment[1] as string);
      if (location) {
        res.writeHead(302, { location }).end();
        return;
      }
      const bytes = this.attachments.get(attachment[1] as string);
      if (!bytes) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      res.end(bytes);
      return;
    }
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
    if (req.method !== 'POST' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound"}}');
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    this.calls.push({
      conversationId: decodeURIComponent(match[1] as string),
      replyToId: match[2] ? decodeURIComponent(match[2]) : undefined,
      authorization: auth,
      activity,
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `bot-activity-${this.#nextId++}` }));
  }
}

let activityCounter = 0;

/** A user talking to the bot through the Emulator (or another channel id). */
export class EmulatorUser {
  readonly conversation: { id: string };
  readonly from: { id: string; name: string; role: string };
  readonly recipient = { id: 'tanya-bot', name: 'Tanya', role: 'bot' };

  constructor(
    readonly serviceUrl: string,
    readonly name: string,
    readonly channelId = 'emulator',
    readonly locale = 'id-ID',
  ) {
    this.conversation = { id: `conv-${name}|livechat` };
    this.from = { id: `user-${name}`, name, role: 'user' };
  }

  #base(type: string): Record<string, unknown> {
    const now = new Date().toISOString();
    return {
      type,
      id: `act-${++activityCounter}`,
      timestamp: now,
      localTimestamp: now,
      localTimezone: 'Asia/Jakarta',
      channelId: this.channelId,
      serviceUrl: this.serviceUrl,
      from: this.from,
      conversation: this.conversation,
      recipient: this.recipient,
      locale: this.locale,
    };
  }

  /** The Emulator's "conversation started" update. */
  joined(): Record<string, unknown> {
    return {
      ...this.#base('conversationUpdate'),
      membersAdded: [this.from, this.recipient],
      membersRemoved: [],
    };
  }

  /** A typed (or imBack) message. */
  says(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      ...this.#base('message'),
      text,
      textFormat: 'plain',
      entities: [
        { type: 'ClientCapabilities', requiresBotState: true, supportsListening: true, supportsTts: true },
      ],
      channelData: { clientActivityID: `client-${activityCounter}` },
      ...extra,
    };
  }

  /** A card submit / messageBack with a value. */
  submits(value: Record<string, unknown>, text = ''): Record<string, unknown> {
    return { ...this.says(text), value };
  }
}
