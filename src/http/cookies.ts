/**
 * Minimal cookie handling for the console and the web chat: parse the `Cookie` header, and build
 * `Set-Cookie` values that are always HttpOnly and SameSite=Strict (Secure over https).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The request's cookies by name (first value wins). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 1) continue;
    const name = part.slice(0, at).trim();
    if (name in cookies) continue;
    try {
      cookies[name] = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // A malformed value is ignored rather than failing the request.
    }
  }
  return cookies;
}

/** One cookie of the request. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  return parseCookies(request.headers.cookie)[name];
}

/** A `Set-Cookie` value: HttpOnly, SameSite=Strict, Secure when the request came over https. */
export function cookieHeader(
  request: FastifyRequest,
  name: string,
  value: string,
  options: { path: string; maxAgeSec: number },
): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path}`,
    `Max-Age=${Math.max(0, Math.round(options.maxAgeSec))}`,
    'HttpOnly',
    'SameSite=Strict',
  ];
  if (request.protocol === 'https') parts.push('Secure');
  return parts.join('; ');
}

/** Adds a cookie to the reply (keeping any set before). */
export function setCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
  value: string,
  options: { path: string; maxAgeSec: number },
): void {
  const previous = reply.getHeader('set-cookie');
  const list = Array.isArray(previous) ? previous : previous === undefined ? [] : [String(previous)];
  reply.header('set-cookie', [...list, cookieHeader(request, name, value, options)]);
}
