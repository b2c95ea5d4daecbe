/**
 * The `tanya` command. Each subcommand lives in its own module under src/cli/, imported only when
 * it runs: `tanya --help` and the operator commands never load the chat platforms' libraries.
 */
import { ConfigError } from './config.js';
import {
  ArgumentError,
  formatColumns,
  formatUsage,
  UsageError,
  wantsHelp,
  type Command,
  type CommandEntry,
} from './cli/command.js';
import { EXIT_USAGE, StartupError } from './startup/errors.js';

/** Subcommands by name, in the order `tanya --help` lists them. */
const COMMANDS: Record<string, CommandEntry> = {
  serve: {
    summary: 'start the HTTP server and the configured channels (npm start)',
    load: async () => (await import('./cli/serve.js')).serveCommand,
  },
  chat: {
    summary: 'talk to the bot in the terminal (--json: one JSON object per line)',
    load: async () => (await import('./cli/chat.js')).chatCommand,
  },
  faq: {
    summary: 'what the FAQ search decides for a question',
    load: async () => (await import('./cli/faq.js')).faqCommand,
  },
  nlu: {
    summary: 'interpret messages, or score the NLU on a labelled file',
    load: async () => (await import('./cli/nlu.js')).nluCommand,
  },
  content: {
    summary: 'validate the content files (FAQ, NLU examples, events, locales)',
    load: async () => (await import('./cli/content.js')).contentCommand,
  },
  records: {
    summary: 'list registrations and claims; move a claim on',
    load: async () => (await import('./cli/records.js')).recordsCommand,
  },
  events: {
    summary: 'import events; find the events near a place',
    load: async () => (await import('./cli/events.js')).eventsCommand,
  },
  agents: {
    summary: 'add, list and remove agent console accounts',
    load: async () => (await import('./cli/agents.js')).agentsCommand,
  },
};

/** `tanya --help`: the subcommands, one aligned line each. */
function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, entry]) => [name, entry.summary] as const);
  return (
    'Usage: tanya <command> [options]\n\n' +
    `Commands:\n${formatColumns(rows)}\n\n` +
    "Run 'tanya <command> --help' for the options of a command.\n"
  );
}

/** A node:util parseArgs error (unknown option, missing value, unexpected argument). */
function isParseArgsError(error: unknown): error is TypeError {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) throw new UsageError(`unknown command: ${name}\n${usage().trimEnd()}`);
  const command: Command = await entry.load();
  if (wantsHelp(rest)) {
    process.stdout.write(formatUsage(command.usage));
    return;
  }
  try {
    await command.run(rest);
  } catch (error) {
    // Unknown options and arguments: the message, then how the command is used.
    if (isParseArgsError(error) || error instanceof ArgumentError) {
      throw new UsageError(`${error.message}\n${formatUsage(command.usage)}`.trimEnd());
    }
    throw error;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof StartupError) {
    process.stderr.write(`tanya: ${error.message}\n`);
    // Exit now: clients still retrying in the background must not keep a failed start-up alive.
    process.exit(error.exitCode);
  }
  if (error instanceof ConfigError || error instanceof UsageError) {
    process.stderr.write(`tanya: ${error.message}\n`);
  } else {
    process.stderr.write(`tanya: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exitCode = EXIT_USAGE;
});
