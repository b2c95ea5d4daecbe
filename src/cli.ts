/**
 * The `tanya` command: serve | chat | content.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log/logger.js';
import { runInteractiveChat, runJsonChat } from './channels/console/adapter.js';
import { serve } from './main.js';
import { checkContent } from './content/check.js';

const USAGE = `usage: tanya <command>

  serve                          start the HTTP server and configured channels (npm start)
  chat [--json] [--user ID] [--lang id|en]
                                 talk to the bot in the terminal; --json reads one JSON object per line
  content check                  validate the content files (FAQ, locales)
`;

/** Thrown for a bad command line; printed without a stack trace. */
class UsageError extends Error {}

const ChatOptions = z.object({
  json: z.boolean().default(false),
  user: z
    .string()
    .regex(/^[\w.@+-]{1,64}$/, 'letters, digits and . _ @ + - only (at most 64)')
    .default('local'),
  lang: z.enum(['id', 'en']).optional(),
});

async function chat(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, user: { type: 'string' }, lang: { type: 'string' } },
    strict: true,
  });
  const parsed = ChatOptions.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${issue?.path.join('.')}: ${issue?.message}`);
  }
  const options = parsed.data;
  const config = loadConfig();
  // Logs go to stderr so stdout carries only the conversation.
  const log = createLogger(
    options.json ? 'warn' : config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
    process.stderr,
  );
  const app = await createApp(config, log);
  try {
    const chatOptions = {
      engine: app.engine,
      input: process.stdin,
      output: process.stdout,
      userId: options.user,
      ...(options.lang ? { lang: options.lang } : {}),
    };
    if (options.json) await runJsonChat(chatOptions);
    else await runInteractiveChat(chatOptions);
  } finally {
    await app.close();
  }
}

async function serveCommand(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const shutdown = await serve(config, log);
  const stop = (signal: string) => {
    log.info({ signal }, 'signal received');
    void shutdown().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

async function content(args: string[]): Promise<void> {
  if (args[0] !== 'check') throw new UsageError('usage: tanya content check');
  const problems = checkContent();
  if (problems.length) {
    for (const problem of problems) process.stderr.write(`${problem}\n`);
    process.stderr.write(`content check failed: ${problems.length} problem(s)\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write('content check passed\n');
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serveCommand();
    case 'chat':
      return chat(rest);
    case 'content':
      return content(rest);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return;
    default:
      throw new UsageError(`unknown command: ${command}\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof UsageError) {
    process.stderr.write(`tanya: ${error.message}\n`);
  } else if (
    error instanceof TypeError &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`tanya: ${error.message}\n${USAGE}`);
  } else {
    process.stderr.write(`tanya: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exitCode = process.exitCode || 2;
});
