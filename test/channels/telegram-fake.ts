/**
 * A fake Telegram Bot API server on loopback for grammY to talk to (via `apiRoot`): it answers
 * getMe, getUpdates (long polling, fed by {@link FakeBotApi.pushUpdate}), sendMessage, sendVenue,
 * answerCallbackQuery, setWebhook, deleteWebhook, getFile and file downloads with real-shaped JSON,
 * records every call, checks MarkdownV2/HTML texts the way Telegram rejects bad ones ("can't parse
 * entities"), and can fail the next call of a method with a 429 carrying `retry_after`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded Bot API call. */
export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
}

/** A file the fake serves through getFile and /file/bot<token>/<path>. */
export interface FakeFile {
  content: Buffer;
  /** Reported size (defaults to the content length); over 20 MB getFile fails like Telegram. */
  size?: number;
}

const BOT_INFO = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: 'Tanya',
  username: 'tanya_test_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
};

const MDV2_RESERVED = new Set('_*[]()~`>#+-=|{}.!'.split(''));

/** Telegram's MarkdownV2 rules as far as Tanya uses them: reserved characters escaped, `*`/`_` balanced. */
export function markdownV2Problem(text: string): string | undefined {
  let bold = false;
  let italic = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '*') bold = !bold;
    else if (char === '_') italic = !italic;
    else if (MDV2_RESERVED.has(char)) return `Character '${char}' is reserved and must be escaped`;
  }
  if (bold) return "Can't find end of Bold entity";
  return italic ? "Can't find end of Italic entity" : undefined;
}

/** Telegram's HTML rules as far as Tanya uses them: only <b> and <i>, and no bare `<` or `&`. */
export function htmlProblem(text: string): string | undefined {
  const stripped = text.replace(/<\/?[bi]>/g, '');
  if (/[<>]/.test(stripped)) return 'Unsupported start tag';
  if (/&(?!(amp|lt|gt|quot);)/.test(stripped)) return 'Unsupported entity';
  return undefined;
}

/** The fake server. */
export class FakeBotApi {
  readonly token = '123456:TEST-token_abc';
  readonly calls: RecordedCall[] = [];
  readonly files = new Map<string, FakeFile>();
  readonly #server: Server;
  readonly #updates: Array<Record<string, unknown>> = [];
  readonly #waiters: Array<() => void> = [];
  readonly #failures = new Map<string, Array<{ code: number; description: string; retryAfter?: number }>>();
  #nextMessageId = 1000;
  apiRoot = '';

  private constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  /** Starts a fake on a free loopback port. */
  static async start(): Promise<FakeBotApi> {
    const fake = new FakeBotApi();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    const { port } = fake.#server.address() as AddressInfo;
    fake.apiRoot = `http://127.0.0.1:${port}`;
    return fake;
  }

  /** Queues an update for the next getUpdates. */
  pushUpdate(update: Record<string, unknown>): void {
    this.#updates.push(update);
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Makes the next call of `method` fail (e.g. 429 with retry_after). */
  failNext(method: string, failure: { code: number; description: string; retryAfter?: number }): void {
    const list = this.#failures.get(method) ?? [];
    list.push(failure);
    this.#failures.set(method, list);
  }

  /** Calls of one method. */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Texts sent with sendMessage, in order. */
  sentTexts(): string[] {
    return this.callsOf('sendMessage').map((call) => String(call.payload.text));
  }

  /** Waits until `predicate` holds over the recorded calls (polls every 10 ms). */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) {
        throw new Error(`timed out; calls so far:\n${JSON.stringify(this.calls, null, 1).slice(0, 4000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Waits until `count` sendMessage calls were recorded in total. */
  async waitForMessages(count: number, timeoutMs = 5000): Promise<void> {
    await this.waitFor(
      (calls) => calls.filter((call) => call.method === 'sendMessage').length >= count,
      timeoutMs,
    );
  }

  async close(): Promise<void> {
    for (const wake of this.#waiters.splice(0)) wake();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiRoot);
    const send = (status: number, body: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch) {
      if (fileMatch[1] !== this.token)
        return send(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      const path = decodeURI(fileMatch[2] as string);
      const entry = [...this.files.entries()].find(([id]) => `files/${id}.bin` === path);
      if (!entry) return send(404, { ok: false, error_code: 404, description: 'Not Found' });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(entry[1].content);
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return send(404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== this.token)
      return send(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2] as string;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const payload = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    this.calls.push({ method, payload });

    const failure = this.#failures.get(method)?.shift();
    if (failure) {
      return send(failure.code, {
        ok: false,
        error_code: failure.code,
        description: failure.description,
        ...(failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {}),
      });
    }
    const ok = (result: unknown) => send(200, { ok: true, result });
    const badRequest = (description: string) =>
      send(400, { ok: false, error_code: 400, description: `Bad Request: ${description}` });

    switch (method) {
      case 'getMe':
        return ok(BOT_INFO);
      case 'deleteWebhook':
      case 'setWebhook':
      case 'answerCallbackQuery':
        return ok(true);
      case 'getUpdates':
        return ok(await this.#nextUpdates(payload));
      case 'sendMessage': {
        const text = String(payload.text ?? '');
        if (text.length === 0) return badRequest('message text is empty');
        if (text.length > 4096 * 2) return badRequest('message is too long');
        const problem =
          payload.parse_mode === 'MarkdownV2'
            ? markdownV2Problem(text)
            : payload.parse_mode === 'HTML'
              ? htmlProblem(text)
              : undefined;
        if (problem) return badRequest(`can't parse entities: ${problem}`);
        return ok(this.#message(payload, { text }));
      }
      case 'sendVenue':
        return ok(
          this.#message(payload, {
            venue: {
              location: { latitude: payload.latitude, longitude: payload.longitude },
              title: payload.title,
              address: payload.address,
            },
          }),
        );
      case 'getFile': {
        const id = String(payload.file_id);
        const file = this.files.get(id);
        if (!file) return badRequest('invalid file_id');
        const size = file.size ?? file.content.length;
        if (size > 20 * 1024 * 1024) return badRequest('file is too big');
        return ok({ file_id: id, file_unique_id: `u-${id}`, file_size: size, file_path: `files/${id}.bin` });
      }
      default:
        return send(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
  }

  #message(payload: Record<string, unknown>, extra: Record<string, unknown>) {
    return {
      message_id: ++this.#nextMessageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: payload.chat_id, type: 'private' },
      from: BOT_INFO,
      ...extra,
    };
  }

  async #nextUpdates(payload: Record<string, unknown>): Promise<unknown[]> {
    const offset = typeof payload.offset === 'number' ? payload.offset : 0;
    const limit = typeof payload.limit === 'number' ? payload.limit : 100;
    const timeout = typeof payload.timeout === 'number' ? payload.timeout : 0;
    // Confirmed updates (below the offset) are gone for good, as on Telegram.
    for (let i = this.#updates.length - 1; i >= 0; i--) {
      if ((this.#updates[i]?.update_id as number) < offset) this.#updates.splice(i, 1);
    }
    if (this.#updates.length === 0 && timeout > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(timeout, 2) * 1000);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.#updates.slice(0, limit);
  }
}

/** Builds real-shaped updates for one private chat. */
export class TelegramUser {
  static #nextUpdateId = 500_000;
  #nextMessageId = 1;
  readonly from: Record<string, unknown>;
  readonly chat: Record<string, unknown>;

  constructor(
    readonly id: number,
    languageCode = 'id',
  ) {
    this.from = { id, is_bot: false, first_name: 'Siti', username: `siti${id}`, language_code: languageCode };
    this.chat = { id, first_name: 'Siti', username: `siti${id}`, type: 'private' };
  }

  /** A fresh update id. */
  static updateId(): number {
    return ++TelegramUser.#nextUpdateId;
  }

  /** A message update with the given content (text, location, photo...). */
  message(content: Record<string, unknown>): Record<string, unknown> {
    return {
      update_id: TelegramUser.updateId(),
      message: {
        message_id: this.#nextMessageId++,
        from: this.from,
        chat: this.chat,
        date: Math.floor(Date.now() / 1000),
        ...content,
      },
    };
  }

  /** A text message; commands get a bot_command entity like Telegram's. */
  text(text: string): Record<string, unknown> {
    const command = /^\/\w+/.exec(text);
    return this.message({
      text,
      ...(command ? { entities: [{ offset: 0, length: command[0].length, type: 'bot_command' }] } : {}),
    });
  }

  /** A tap on an inline button with `data`. */
  tap(data: string, label = data): Record<string, unknown> {
    const id = String(TelegramUser.updateId() * 7);
    return {
      update_id: TelegramUser.updateId(),
      callback_query: {
        id,
        from: this.from,
        chat_instance: `ci-${this.id}`,
        data,
        message: {
          message_id: 99,
          from: BOT_INFO,
          chat: this.chat,
          date: Math.floor(Date.now() / 1000),
          text: 'pilih',
          reply_markup: { inline_keyboard: [[{ text: label, callback_data: data }]] },
        },
      },
    };
  }
}
