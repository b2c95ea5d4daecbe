/**
 * Agent accounts for the console, kept in a JSON file (`AGENTS_FILE`, default DATA_DIR/agents.json)
 * with scrypt password hashes (passwords.ts). Managed with `tanya agents add|list|remove`; read on
 * every sign-in and every console request, so a new account works without a restart and a changed
 * or removed one is signed out at once (its session generation changes), on every instance sharing
 * the file.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  DEFAULT_SCRYPT_COST,
  hashPassword,
  needsRehash,
  verifyPassword,
  type ScryptCost,
} from './passwords.js';

export { hashPassword, verifyPassword } from './passwords.js';

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
  /**
   * The account's session generation: a random tag renewed on every change of the account (password,
   * role, removal and re-creation). A console session is valid only while it carries the current
   * tag, so a change signs the account out everywhere. Files from before it read as `''`.
   */
  sessionGeneration: z.string().default(''),
});
/** One stored account. */
export type AgentAccount = z.infer<typeof AgentAccount>;

const AgentsFile = z.object({ agents: z.array(AgentAccount) });

/** Shortest accepted password. */
export const MIN_PASSWORD_LENGTH = 10;

/** A problem with the agents file or an account change, worded for the operator. */
export class AgentAccountError extends Error {
  override readonly name = 'AgentAccountError';
}

/** Options of an {@link AgentDirectory}. */
export interface AgentDirectoryOptions {
  /** scrypt cost of new hashes (default {@link DEFAULT_SCRYPT_COST}; tests pass a cheaper one). */
  cost?: ScryptCost;
  /** Called when a weak hash could not be replaced after a sign-in (the sign-in still succeeds). */
  onRehashFailed?: (error: Error) => void;
}

/** A fresh session generation (see {@link AgentAccount}). */
function newGeneration(): string {
  return randomBytes(12).toString('base64url');
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The accounts in one file. */
export class AgentDirectory {
  #dummy: Promise<string> | undefined;
  readonly #cost: ScryptCost;
  readonly #onRehashFailed: (error: Error) => void;

  constructor(
    readonly path: string,
    options: AgentDirectoryOptions = {},
  ) {
    this.#cost = options.cost ?? DEFAULT_SCRYPT_COST;
    this.#onRehashFailed = options.onRehashFailed ?? (() => undefined);
  }

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

  /** The account of a name (case-insensitive), or undefined. */
  async find(name: string): Promise<AgentAccount | undefined> {
    return (await this.list()).find((agent) => sameName(agent.name, name));
  }

  /**
   * Adds an account, or sets the password and role of an existing one; returns whether it was new.
   * Either way the account gets a new session generation: its existing console sessions end.
   */
  async add(name: string, role: AgentRole, password: string, now = new Date()): Promise<boolean> {
    const validName = AgentName.safeParse(name);
    if (!validName.success) throw new AgentAccountError(`agent name: ${validName.error.issues[0]?.message}`);
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new AgentAccountError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const hash = await hashPassword(password, this.#cost);
    const agents = await this.list();
    const existing = agents.find((agent) => sameName(agent.name, name));
    const account: AgentAccount = {
      name: existing?.name ?? name,
      role,
      password: hash,
      createdAt: existing?.createdAt ?? now.toISOString(),
      sessionGeneration: newGeneration(),
    };
    await this.#write(
      existing ? agents.map((agent) => (agent === existing ? account : agent)) : [...agents, account],
    );
    return !existing;
  }

  /** Removes an account (ending its console sessions); returns whether it existed. */
  async remove(name: string): Promise<boolean> {
    const agents = await this.list();
    const kept = agents.filter((agent) => !sameName(agent.name, name));
    if (kept.length === agents.length) return false;
    await this.#write(kept);
    return true;
  }

  /**
   * The account when name and password match; unknown names cost as much time as wrong passwords.
   * A matching hash weaker than this directory's cost is replaced by a new one (same password, same
   * session generation: no one is signed out).
   */
  async authenticate(name: string, password: string): Promise<AgentAccount | undefined> {
    const account = await this.find(name);
    if (!account) {
      this.#dummy ??= hashPassword(randomBytes(16).toString('hex'), this.#cost);
      await verifyPassword(password, await this.#dummy);
      return undefined;
    }
    if (!(await verifyPassword(password, account.password))) return undefined;
    if (needsRehash(account.password, this.#cost)) {
      await this.#rehash(account, password).catch((error: unknown) => this.#onRehashFailed(error as Error));
    }
    return account;
  }

  /** Replaces the hash of `account`, unless the file changed it meanwhile. */
  async #rehash(account: AgentAccount, password: string): Promise<void> {
    const hash = await hashPassword(password, this.#cost);
    const agents = await this.list();
    const current = agents.find((agent) => sameName(agent.name, account.name));
    if (current?.password !== account.password) return;
    await this.#write(agents.map((agent) => (agent === current ? { ...agent, password: hash } : agent)));
  }

  async #write(agents: AgentAccount[]): Promise<void> {
    const temp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, `${JSON.stringify({ agents }, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, this.path);
  }
}
