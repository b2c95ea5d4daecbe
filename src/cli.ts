/**
 * The `tanya` command. Each subcommand lives in its own module under src/cli/.
 */
import { ConfigError } from './config.js';
import { UsageError, type Command } from './cli/command.js';
import { chatCommand } from './cli/chat.js';
import { contentCommand } from './cli/content.js';
import { serveCommand } from './cli/serve.js';
import { agentsCommand } from './cli/agents.js';
import { faqCommand } from './cli/faq.js';
import { eventsCommand } from './cli/events.js';
import { recordsCommand } from './cli/records.js';
import { nluCommand } from './cli/nlu.js';

/** Subcommands by name. */
const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  agents: agentsCommand,
  chat: chatCommand,
  content: contentCommand,
  faq: faqCommand,
  nlu: nluCommand,
  events: eventsCommand,
  records: recordsCommand,
};

function usage(): string {
  const lines = Object.values(COMMANDS).flatMap((command) => command.usage.map((line) => `  tanya ${line}`));
  return `usage:\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command: ${name}\n${usage()}`);
  await command.run(rest);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof UsageError) {
    process.stderr.write(`tanya: ${error.message}\n`);
  } else if (
    error instanceof TypeError &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`tanya: ${error.message}\n${usage()}`);
  } else {
    process.stderr.write(`tanya: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exitCode = 2;
});
