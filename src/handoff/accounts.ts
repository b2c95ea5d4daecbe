/**
 * Agent accounts for the console, kept in a JSON file (`AGENTS_FILE`, default DATA_DIR/agents.json)
 * with scrypt password hashes (node:crypto). Managed with `tanya agents add|list|remove`; read on
 * every sign-in, so a new account works without a restart.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';

/** Agent names: what they sign in with and what users see ("petugas budi"). */
export const AgentName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{2,32}$/, '2-32 letters, digits, dots, dashes or underscores');

/** What an account may do: agents work their own conversations; supervisors any, and see stats. */
export const AgentRole = z.enum(['agent', 'supervisor']);
/** An account's role. */
export type AgentRole = z.infer<typeof AgentRole>;

/** One stored account. */
export const AgentAccount = z.object({
  name: AgentName,
  role: AgentRole,
  /** `scrypt$N$r$p$salt$hash` (base64url). */
  password: z.string().startsWith('scrypt$'),
  createdAt: z.string(),
});
/** One stored account. */
export type AgentAccount = z.infer<typeof AgentAccount>;

const AgentsFile = z.object({ agents: z.array(AgentAccount) });

/** Shortest accepted password. */
export const MIN_PASSWORD_LENGTH = 10;

const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** Hashes a password with a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A problem with the agents file or an account change, worded for the operator. */
export class AgentAccountError extends Error {
  override readonly name = 'AgentAccountError';
}

/** The accounts in one file. */
export class AgentDirectory {
  #dummy: Promise<string> | undefined;

  constructor(readonly path: string) {}

  /** Every account; an absent file means none. */
  async list(): Promise<AgentAccount[]> {
    let raw: string;
    try {
      raw = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new AgentAccountError(`${this.path}: not valid JSON`);
    }
    const parsed = AgentsFile.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AgentAccountError(`${this.path}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return parsed.data.agents;
  }

  /** Adds an account, or sets the password and role of an existing one; returns whether it was new. */
  async add(name: string, role: AgentRole, password: string, now = new Date()): Promise<boolean> {
    const validName = AgentName.safeParse(name);
    if (!validName.success) throw new AgentAccountError(`agent name: ${validName.error.issues[0]?.message}`);
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new AgentAccountError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const agents = await this.list();
    const existing = agents.find((agent) => agent.name.toLowerCase() === name.toLowerCase());
    const account: AgentAccount = {
      name: existing?.name ?? name,
      role,
      password: await hashPassword(password),
      createdAt: existing?.createdAt ?? now.toISOString(),
    };
    await this.#write(
      existing ? agents.map((agent) => (agent === existing ? account : agent)) : [...agents, account],
    );
    return !existing;
  }

  /** Removes an account; returns whether it existed. */
  async remove(name: string): Promise<boolean> {
    const agents = await this.list();
    const kept = agents.filter((agent) => agent.name.toLowerCase() !== name.toLowerCase());
    if (kept.length === agents.length) return false;
    await this.#write(kept);
    return true;
  }

  /** The account when name and password match; unknown names cost as much time as wrong passwords. */
  async authenticate(name: string, password: string): Promise<AgentAccount | undefined> {
    const account = (await this.list()).find((agent) => agent.name.toLowerCase() === name.toLowerCase());
    if (!account) {
      this.#dummy ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(password, await this.#dummy);
      return undefined;
    }
    return (await verifyPassword(password, account.password)) ? account : undefined;
  }

  async #write(agents: AgentAccount[]): Promise<void> {
    const temp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, `${JSON.stringify({ agents }, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, this.path);
  }
}
