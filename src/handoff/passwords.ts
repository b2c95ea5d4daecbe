/**
 * Password hashes of console accounts: scrypt (node:crypto) with a fresh salt, stored as
 * `scrypt$N$r$p$salt$hash` (base64url) so each hash keeps its own cost. New hashes use
 * {@link DEFAULT_SCRYPT_COST}; a hash with a weaker cost is replaced at the next successful sign-in
 * (see {@link needsRehash}).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** The scrypt cost parameters of one hash. */
export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

/** The cost of new hashes: N=2^17, r=8, p=1 (128 MiB and a few hundred ms per hash). */
export const DEFAULT_SCRYPT_COST: Readonly<ScryptCost> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

/**
 * Memory scrypt may use (node's default of 32 MiB is too little for N=2^17, r=8, which needs
 * 128·r·(N+p+2) bytes, just over 128 MiB). Stored hashes needing more never match.
 */
export const SCRYPT_MAXMEM = 160 * 1024 * 1024;

const KEY_LENGTH = 32;

/** Memory one derivation needs (OpenSSL's own estimate). */
function memoryOf(cost: ScryptCost): number {
  return 128 * cost.r * (cost.N + cost.p + 2);
}

const StoredHash = z
  .tuple([
    z.literal('scrypt'),
    z.coerce.number().int().min(2),
    z.coerce.number().int().min(1).max(64),
    z.coerce.number().int().min(1).max(16),
    z.string().min(1),
    z.string().min(1),
  ])
  .transform(([, N, r, p, salt, hash]) => ({
    cost: { N, r, p },
    salt: Buffer.from(salt, 'base64url'),
    hash: Buffer.from(hash, 'base64url'),
  }))
  .refine(({ cost }) => (cost.N & (cost.N - 1)) === 0 && memoryOf(cost) <= SCRYPT_MAXMEM);

/** A stored hash taken apart, or undefined when it is malformed or beyond {@link SCRYPT_MAXMEM}. */
function parseStored(stored: string) {
  const parsed = StoredHash.safeParse(stored.split('$'));
  return parsed.success ? parsed.data : undefined;
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N: cost.N, r: cost.r, p: cost.p, maxmem: SCRYPT_MAXMEM },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** Hashes a password with a fresh salt at `cost` (default {@link DEFAULT_SCRYPT_COST}). */
export async function hashPassword(
  password: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

/** Whether a stored hash is weaker than `cost` in any parameter (or unreadable), so should be redone. */
export function needsRehash(stored: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): boolean {
  const parsed = parseStored(stored);
  return !parsed || parsed.cost.N < cost.N || parsed.cost.r < cost.r || parsed.cost.p < cost.p;
}
