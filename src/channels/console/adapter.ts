/**
 * The terminal channel (`tanya chat`): an interactive readline chat, and a JSON-lines mode for
 * scripts and tests that writes exactly one JSON line per input line.
 */
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Engine } from '../../engine/engine.js';
import type { Address, Locale } from '../../engine/types.js';
import { ChatLineError, chatLineToInbound, parseChatLine, type ChatLine } from './map.js';
import { renderForTerminal } from './render.js';

/** Options of a terminal chat session. */
export interface ConsoleChatOptions {
  engine: Engine;
  input: Readable;
  output: Writable;
  userId?: string;
  lang?: Locale;
}

function addressFor(userId: string): Address {
  return { channel: 'cli', conversationId: userId, userId };
}

function messageIds(): () => string {
  const run = randomBytes(4).toString('hex');
  let counter = 0;
  return () => `${run}-${++counter}`;
}

/** `tanya chat --json`: one JSON object per line in, one `{replies, awaiting}` (or `{error}`) line out. */
export async function runJsonChat(options: ConsoleChatOptions): Promise<void> {
  const address = addressFor(options.userId ?? 'local');
  const nextId = messageIds();
  const lines = createInterface({ input: options.input, crlfDelay: Infinity });
  for await (const raw of lines) {
    if (!raw.trim()) continue;
    let reply: unknown;
    try {
      const inbound = chatLineToInbound(parseChatLine(raw), nextId(), address, options.lang);
      const outcome = await options.engine.process(inbound);
      reply = { replies: outcome.replies, awaiting: outcome.awaiting };
    } catch (error) {
      reply = {
        error: error instanceof ChatLineError ? error.message : `internal error: ${(error as Error).message}`,
      };
    }
    options.output.write(`${JSON.stringify(reply)}\n`);
  }
}

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** Turns an interactive line into a chat line: `/lokasi lat lon`, `/file path`, or text. */
function interactiveLine(raw: string): ChatLine {
  const location = /^\/(?:lokasi|location)\s+(-?\d+(?:\.\d+)?)[\s,]+(-?\d+(?:\.\d+)?)\s*$/i.exec(raw);
  if (location) return { location: { lat: Number(location[1]), lon: Number(location[2]) } };
  const file = /^\/file\s+(.+)$/i.exec(raw);
  if (file) {
    const path = (file[1] as string).trim();
    const mime = MIME_BY_EXTENSION[path.split('.').pop()?.toLowerCase() ?? ''];
    return { file: { path, ...(mime ? { mime } : {}) } };
  }
  return { text: raw };
}

/** `tanya chat`: an interactive terminal conversation. */
export async function runInteractiveChat(options: ConsoleChatOptions): Promise<void> {
  const address = addressFor(options.userId ?? 'local');
  const nextId = messageIds();
  // Line editing and the prompt only on a real terminal; piped input gets plain text.
  const terminal = (options.input as { isTTY?: boolean }).isTTY === true;
  const lines = createInterface({ input: options.input, output: options.output, terminal, prompt: '> ' });
  const write = (text: string) => options.output.write(`${text}\n`);
  write(
    options.lang === 'en'
      ? 'Tanya terminal chat. Type a message; /lokasi <lat> <lon> shares a location, /file <path> sends a file, /quit exits.'
      : 'Chat terminal Tanya. Ketik pesan; /lokasi <lat> <lon> untuk berbagi lokasi, /file <path> untuk mengirim berkas, /quit untuk keluar.',
  );
  lines.prompt();
  for await (const raw of lines) {
    const trimmed = raw.trim();
    if (trimmed === '/quit' || trimmed === '/exit') break;
    if (trimmed) {
      try {
        const inbound = chatLineToInbound(interactiveLine(trimmed), nextId(), address, options.lang);
        const replies = await options.engine.handle(inbound);
        const session = await options.engine.session(`${address.channel}:${address.conversationId}`);
        for (const reply of replies) write(`\n${renderForTerminal(reply, session?.locale ?? 'id')}`);
        write('');
      } catch (error) {
        write(`! ${(error as Error).message}`);
      }
    }
    lines.prompt();
  }
  lines.close();
}
