/**
 * Downloading a file a user sent from a platform's file URL (Telegram's file endpoint, Bot Framework
 * attachment URLs), streamed so that no more than the limit is ever held in memory, within a time
 * limit, and only from where a {@link DownloadPolicy} allows: the URL and every redirect (followed
 * here, at most {@link MAX_REDIRECTS}) are checked, and for hosts that are not trusted by name every
 * address they resolve to must be public ({@link isPublicAddress}). The address checked is the one
 * connected to, so DNS cannot answer differently between the check and the connection.
 */
import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from './address-policy.js';
import { FileFetchError } from './channel.js';

/** Where a channel may download users' files from. */
export interface DownloadPolicy {
  /**
   * Origins (`scheme://host:port`) fetched without an address check: servers the operator configured
   * (a Telegram Bot API server) or the Bot Framework Emulator's service URL on loopback.
   */
  readonly trustedOrigins: readonly string[];
  /**
   * Which hosts other `https` URLs may be on (by name, e.g. `api.telegram.org`, or {@link anyHost}),
   * when every address the host resolves to is public; none when unset.
   */
  readonly publicHosts?: (hostname: string) => boolean;
}

/** {@link DownloadPolicy.publicHosts} for any host name (the address check still applies). */
export const anyHost = (): boolean => true;

/** How {@link downloadWithinLimit} fetches a file and words its failures. */
export interface LimitedDownload {
  /** Where the file and its redirects may be fetched from. */
  policy: DownloadPolicy;
  /** Request headers, e.g. a bearer token for the platform's file host (dropped on a redirect elsewhere). */
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
  /** The whole download's time limit, redirects included (ms, default {@link DOWNLOAD_TIMEOUT_MS}). */
  timeoutMs?: number;
}

/** Most redirects followed for one download. */
export const MAX_REDIRECTS = 5;
/** Default time limit of one download, redirects and body included. */
export const DOWNLOAD_TIMEOUT_MS = 60_000;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** How a URL may be fetched under a policy: as it is, only to public addresses, or not at all. */
export type UrlPermission = 'trusted' | 'public' | 'refused';

/** Whether `url` may be fetched under `policy` (the address check for `public` comes at connection). */
export function permission(policy: DownloadPolicy, url: URL): UrlPermission {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'refused';
  if (url.username || url.password) return 'refused';
  if (policy.trustedOrigins.includes(url.origin)) return 'trusted';
  const publicHost = url.protocol === 'https:' && policy.publicHosts?.(url.hostname) === true;
  return publicHost ? 'public' : 'refused';
}

/** The origin of a URL as {@link DownloadPolicy.trustedOrigins} lists it. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** A connection refused by the address policy. */
class RefusedAddress extends Error {
  override readonly name = 'RefusedAddress';
}

/** DNS resolution that fails unless every address of the host is public. */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    if (addresses.length === 0 || addresses.some((entry) => !isPublicAddress(entry.address))) {
      return callback(new RefusedAddress(`${hostname} resolves to a non-public address`), '', 0);
    }
    if (options.all) return callback(null, addresses);
    const [first] = addresses as [(typeof addresses)[number]];
    return callback(null, first.address, first.family);
  });
};

/** Sends one GET and resolves with the response head. */
function get(
  url: URL,
  headers: OutgoingHttpHeaders,
  checkAddress: boolean,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      { method: 'GET', headers, signal, agent: false, ...(checkAddress ? { lookup: publicLookup } : {}) },
      resolve,
    );
    request.on('error', reject);
    request.end();
  });
}

/** The host of a URL as a bare IP literal, when it is one. */
function literalAddress(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) ? host : undefined;
}

/**
 * GETs `url` into a buffer under `options.policy`, following redirects itself; fails with
 * {@link FileFetchError}: `not_found` when the policy refuses a URL or an address, `too_large` beyond
 * `options.limit` bytes, `expired` for a gone status, `unavailable` otherwise (timeouts included).
 */
export async function downloadWithinLimit(url: string | URL, options: LimitedDownload): Promise<Buffer> {
  const { channel, noun, policy } = options;
  const signal = AbortSignal.timeout(options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
  const refused = (why: string) => new FileFetchError('not_found', `${channel}: ${noun} URL refused: ${why}`);
  let current = new URL(url);
  const firstOrigin = current.origin;
  for (let hop = 0; ; hop++) {
    const allowed = permission(policy, current);
    if (allowed === 'refused') throw refused(`${current.origin} is not an allowed file host`);
    const literal = literalAddress(current);
    if (allowed === 'public' && literal !== undefined && !isPublicAddress(literal)) {
      throw refused(`${literal} is not a public address`);
    }
    const headers = current.origin === firstOrigin ? (options.headers ?? {}) : {};
    let answer: IncomingMessage;
    try {
      answer = await get(current, headers, allowed === 'public', signal);
    } catch (error) {
      if (error instanceof RefusedAddress) throw refused(error.message);
      throw new FileFetchError('unavailable', `${channel}: ${noun} download failed`);
    }
    const location = answer.headers.location;
    if (!REDIRECTS.has(answer.statusCode ?? 0) || !location) return readBody(answer, options);
    answer.destroy();
    if (hop >= MAX_REDIRECTS) {
      throw new FileFetchError('unavailable', `${channel}: too many redirects for the ${noun}`);
    }
    try {
      current = new URL(location, current);
    } catch {
      throw new FileFetchError('unavailable', `${channel}: ${noun} download redirected to a bad URL`);
    }
  }
}

/** Reads a response body within the limit. */
async function readBody(response: IncomingMessage, options: LimitedDownload): Promise<Buffer> {
  const { limit, tooLarge, channel, noun } = options;
  const status = response.statusCode ?? 0;
  if (options.goneStatuses.includes(status)) {
    response.destroy();
    throw new FileFetchError('expired', `${channel}: the ${noun} is no longer available`);
  }
  if (status < 200 || status > 299) {
    response.destroy();
    throw new FileFetchError('unavailable', `${channel}: ${noun} download answered ${status}`);
  }
  if (Number(response.headers['content-length'] ?? NaN) > limit) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > limit) {
        response.destroy();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FileFetchError) throw error;
    throw new FileFetchError('unavailable', `${channel}: ${noun} download interrupted`);
  }
  return Buffer.concat(chunks, total);
}
