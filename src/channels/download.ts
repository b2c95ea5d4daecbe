/**
 * Downloading a file a user sent from a platform's file URL (Telegram's file endpoint, Bot Framework
 * attachment URLs), streamed so that no more than the limit is ever held in memory.
 */
import { FileFetchError } from './channel.js';

/** How {@link downloadWithinLimit} fetches a file and words its failures. */
export interface LimitedDownload {
  /** Request headers, e.g. a bearer token for the platform's file host. */
  headers?: Record<string, string>;
  /** The most bytes accepted. */
  limit: number;
  /** The error for a file over {@link limit}, by its declared length or by what was streamed. */
  tooLarge: () => FileFetchError;
  /** HTTP statuses meaning the file is gone for good (reason `expired`). */
  goneStatuses: readonly number[];
  /** Start of every error message, e.g. `telegram` (`telegram: file download failed`). */
  channel: string;
  /** What the file is called on the platform, e.g. `file` or `attachment`. */
  noun: string;
}

/** GETs `url` into a buffer, failing with {@link FileFetchError} beyond `options.limit` bytes. */
export async function downloadWithinLimit(url: string | URL, options: LimitedDownload): Promise<Buffer> {
  const { limit, tooLarge, channel, noun } = options;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: options.headers ?? {},
      signal: AbortSignal.timeout(60_000),
      redirect: 'follow',
    });
  } catch {
    throw new FileFetchError('unavailable', `${channel}: ${noun} download failed`);
  }
  if (options.goneStatuses.includes(response.status)) {
    throw new FileFetchError('expired', `${channel}: the ${noun} is no longer available`);
  }
  if (!response.ok || !response.body) {
    throw new FileFetchError('unavailable', `${channel}: ${noun} download answered ${response.status}`);
  }
  if (Number(response.headers.get('content-length') ?? NaN) > limit) {
    await response.body.cancel();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    let next;
    try {
      next = await reader.read();
    } catch {
      throw new FileFetchError('unavailable', `${channel}: ${noun} download interrupted`);
    }
    if (next.done) break;
    total += next.value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(Buffer.from(next.value));
  }
  return Buffer.concat(chunks);
}
