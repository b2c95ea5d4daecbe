/**
 * Configuration from the environment, validated with zod. A wrong value stops start-up with one
 * readable line naming the variable.
 */
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const boolFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

/** The environment variables Tanya reads (see the README's configuration table). */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
  ),
  REDIS_PREFIX: z.string().default('tanya:'),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(48),
  DEFAULT_LOCALE: z.enum(['id', 'en']).default('id'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  TELEGRAM_BOT_TOKEN: optionalString,
  WHATSAPP_ENABLED: boolFlag,
});

/** Parsed configuration. */
export type Config = z.infer<typeof ConfigSchema>;

/** A configuration problem, worded for the operator. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses `env`; throws a {@link ConfigError} whose message names each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = env[name];
    return `${name}=${JSON.stringify(value ?? '')}: ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration: ${lines.join('; ')}`);
}
