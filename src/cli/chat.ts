/**
 * `tanya chat [--json] [--user ID] [--lang id|en]`: the terminal channel.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../log/logger.js';
import { runInteractiveChat, runJsonChat } from '../channels/console/adapter.js';
import { UsageError, type Command } from './command.js';

const ChatOptions = z.object({
  json: z.boolean().default(false),
  user: z
    .string()
    .regex(/^[\w.@+-]{1,64}$/, 'letters, digits and . _ @ + - only (at most 64)')
    .default('local'),
  lang: z.enum(['id', 'en']).optional(),
});

/** `tanya chat`. */
export const chatCommand: Command = {
  usage: [
    'chat [--json] [--user ID] [--lang id|en]   talk to the bot; --json reads one JSON object per line',
  ],
  async run(args) {
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
    const level = options.json || config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL;
    const app = await createApp(config, createLogger(level, process.stderr));
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
  },
};
