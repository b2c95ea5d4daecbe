/**
 * `tanya agents add NAME [--role agent|supervisor]`, `tanya agents list`, `tanya agents remove NAME`:
 * console accounts in AGENTS_FILE (default DATA_DIR/agents.json). The password is asked twice
 * without echo on a terminal, or read from the first line of stdin otherwise.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { AgentAccountError, AgentDirectory, AgentRole, MIN_PASSWORD_LENGTH } from '../handoff/accounts.js';
import { ArgumentError, unknownArgument, UsageError, type Command } from './command.js';

/** Reads one line from a terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolvePassword, reject) => {
    const input = process.stdin;
    process.stderr.write(question);
    let value = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolvePassword(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    input.on('data', onData);
  });
}

/** The first line of stdin (a password piped in by a script). */
async function readStdinLine(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) {
    data += String(chunk);
    if (data.includes('\n')) break;
  }
  return data.split(/\r?\n/)[0] ?? '';
}

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readStdinLine();
  const first = await promptHidden(`password (at least ${MIN_PASSWORD_LENGTH} characters): `);
  const second = await promptHidden('again: ');
  if (first !== second) throw new UsageError('the passwords differ');
  return first;
}

function directory(): AgentDirectory {
  const config = loadConfig();
  const path = config.AGENTS_FILE
    ? resolve(config.AGENTS_FILE)
    : join(resolve(config.DATA_DIR), 'agents.json');
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return new AgentDirectory(path);
}

/** `tanya agents`. */
export const agentsCommand: Command = {
  usage: [
    'agents add NAME [--role agent|supervisor]  create a console account (or set its password and role)',
    'agents list                              list console accounts',
    'agents remove NAME                       delete a console account',
  ],
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { role: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const [action, name, ...extra] = positionals;
    if (action !== 'add' && action !== 'list' && action !== 'remove') throw unknownArgument(action);
    if (extra.length || (action === 'list' && name !== undefined)) throw unknownArgument(extra[0] ?? name);
    const agents = directory();
    try {
      if (action === 'list') {
        for (const account of await agents.list()) process.stdout.write(`${account.name}\t${account.role}\n`);
        return;
      }
      if (!name) throw new ArgumentError(`missing NAME: tanya agents ${action} NAME`);
      if (action === 'add') {
        const role = AgentRole.safeParse(values.role ?? 'agent');
        if (!role.success) throw new UsageError('--role must be agent or supervisor');
        const created = await agents.add(name, role.data, await askPassword());
        process.stdout.write(`${created ? 'created' : 'updated'} ${name} (${role.data}) in ${agents.path}\n`);
        return;
      }
      if (action === 'remove') {
        if (!(await agents.remove(name))) throw new UsageError(`no agent named ${name}`);
        process.stdout.write(`removed ${name}\n`);
        return;
      }
    } catch (error) {
      if (error instanceof AgentAccountError) throw new UsageError(error.message);
      throw error;
    }
  },
};
