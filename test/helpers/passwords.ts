/**
 * Password hashing for tests: accounts hashed at a cheap scrypt cost so sign-ins take milliseconds
 * (production hashes use DEFAULT_SCRYPT_COST, N=2^17; tests of that cost use it explicitly).
 */
import type { ScryptCost } from '../../src/handoff/passwords.js';

/** scrypt N=2^10, r=8, p=1: about a millisecond per hash. */
export const TEST_PASSWORD_COST: ScryptCost = { N: 1024, r: 8, p: 1 };
