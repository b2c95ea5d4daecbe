/**
 * Agent accounts (scrypt hashes in a 0600 file), `tanya agents`, and the console's masking of
 * personal numbers in the session context.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AgentAccountError,
  AgentDirectory,
  hashPassword,
  verifyPassword,
} from '../../src/handoff/accounts.js';
import { needsRehash } from '../../src/handoff/passwords.js';
import { maskAnswer, sessionContext } from '../../src/handoff/console/views.js';
import { newSession } from '../../src/engine/session.js';
import { createDialogRegistry } from '../../src/dialogs/index.js';
import { createTranslator } from '../../src/engine/i18n.js';
import { projectPath } from '../../src/paths.js';
import { TEST_PASSWORD_COST } from '../helpers/passwords.js';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'tanya-accounts-')), 'agents.json');

describe('agent accounts', () => {
  it("hashes with scrypt N=2^17 (over node's default memory cap) and verifies the right password only", async () => {
    const one = await hashPassword('kata-sandi-rahasia');
    const two = await hashPassword('kata-sandi-rahasia', TEST_PASSWORD_COST);
    expect(one).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(two).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('kata-sandi-rahasia', one)).toBe(true);
    expect(await verifyPassword('kata-sandi-rahasiA', one)).toBe(false);
    expect(await verifyPassword('kata-sandi-rahasia', two)).toBe(true);
    expect(await verifyPassword('kata-sandi-rahasia', 'plain')).toBe(false);
  }, 30_000);

  it('salts every hash, and never matches a malformed or oversized one', async () => {
    const one = await hashPassword('kata-sandi-rahasia', TEST_PASSWORD_COST);
    const two = await hashPassword('kata-sandi-rahasia', TEST_PASSWORD_COST);
    expect(one).not.toBe(two);
    const [, , , , salt, hash] = one.split('$');
    // 2^20 would need 1 GiB; 1000 is not a power of two.
    for (const params of ['1048576$8$1', '1000$8$1', '1024$0$1', 'x$8$1']) {
      expect(await verifyPassword('kata-sandi-rahasia', `scrypt$${params}$${salt}$${hash}`)).toBe(false);
    }
  });

  it('asks for a new hash when a stored one is weaker than the cost', async () => {
    const weak = await hashPassword('kata-sandi-rahasia', TEST_PASSWORD_COST);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(weak, TEST_PASSWORD_COST)).toBe(false);
    expect(needsRehash(weak, { ...TEST_PASSWORD_COST, r: 16 })).toBe(true);
    expect(needsRehash('scrypt$garbage')).toBe(true);
  });

  it('adds, updates, authenticates and removes accounts in a private file', async () => {
    const path = tempFile();
    const agents = new AgentDirectory(path, { cost: TEST_PASSWORD_COST });
    expect(await agents.list()).toEqual([]);
    expect(await agents.add('budi', 'agent', 'kata-sandi-rahasia')).toBe(true);
    const first = (await agents.find('BUDI'))?.sessionGeneration;
    expect(first).toMatch(/^[\w-]{16}$/);
    expect(await agents.add('Budi', 'supervisor', 'sandi-yang-baru-1')).toBe(false);
    expect((await agents.find('budi'))?.sessionGeneration).not.toBe(first);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).not.toContain('sandi-yang-baru-1');
    expect(await agents.authenticate('budi', 'kata-sandi-rahasia')).toBeUndefined();
    expect(await agents.authenticate('BUDI', 'sandi-yang-baru-1')).toMatchObject({
      name: 'budi',
      role: 'supervisor',
    });
    expect(await agents.authenticate('nobody', 'sandi-yang-baru-1')).toBeUndefined();
    await expect(agents.add('x', 'agent', 'kata-sandi-rahasia')).rejects.toBeInstanceOf(AgentAccountError);
    await expect(agents.add('sari', 'agent', 'pendek')).rejects.toThrow(/at least 10/);
    expect(await agents.remove('budi')).toBe(true);
    expect(await agents.remove('budi')).toBe(false);
  });

  it('`tanya agents add` reads the password from stdin when it is not a terminal', () => {
    const path = tempFile();
    const run = (args: string[], input = '') =>
      spawnSync(process.execPath, [projectPath('bin', 'tanya.js'), 'agents', ...args], {
        input,
        encoding: 'utf8',
        env: { ...process.env, AGENTS_FILE: path, LOG_LEVEL: 'silent' },
      });
    const added = run(['add', 'dewi', '--role', 'supervisor'], 'kata-sandi-rahasia\n');
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toContain('created dewi (supervisor)');
    const bad = run(['add', 'dewi', '--role', 'boss'], 'kata-sandi-rahasia\n');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--role must be agent or supervisor');
    expect(JSON.parse(readFileSync(path, 'utf8')).agents).toEqual([
      expect.objectContaining({ name: 'dewi', role: 'supervisor' }),
    ]);
  }, 60_000);
});

describe('console session context', () => {
  it('masks NIK, phone and account numbers in the answers so far', () => {
    expect(maskAnswer('nik', '3171234567890001')).toBe('************0001');
    expect(maskAnswer('phone', '0812-3456-7890')).toBe('********7890');
    expect(maskAnswer('name', 'Siti, NIK 3171234567890001')).toBe('Siti, NIK ************0001');
    const session = newSession('id', new Date('2026-11-23T03:00:00Z'));
    session.paused = [
      {
        dialog: 'bpu-registration',
        version: 1,
        step: 'phone',
        state: { nik: '3171234567890001', name: 'Siti', phone: null },
        attempts: 0,
        history: [],
      },
    ];
    const context = sessionContext(
      session,
      'web',
      createDialogRegistry(),
      createTranslator().translate('id'),
    );
    expect(context.answers).toEqual({
      'bpu-registration.nik': '************0001',
      'bpu-registration.name': 'Siti',
    });
    expect(context.paused).toMatchObject({ id: 'bpu-registration', step: 'phone' });
    expect(JSON.stringify(context)).not.toContain('3171234567890001');
  });
});
