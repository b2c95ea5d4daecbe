/**
 * Configuration from the environment, validated with zod. A wrong value stops start-up with one
 * readable line naming the variable.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { isValidTimeZone, parseOfficeHours } from './handoff/office-hours.js';
import { decodeDocumentKey } from './store/document-key.js';
import { parseSlotHours } from './store/slots.js';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const boolFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

/** proxy-addr's names for address ranges, accepted in a TRUST_PROXY list. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Whether `entry` is an address, an address/prefix (CIDR) or a named range. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `TRUST_PROXY`, for fastify's `trustProxy`: unset, `false` or `0` = trust no proxy (the default);
 * `true` = trust every hop; a number = trust that many hops; otherwise addresses or CIDR ranges
 * (or `loopback`, `linklocal`, `uniquelocal`) separated by commas.
 */
const TrustProxy = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): boolean | number | string[] => {
    if (value === undefined || value === '' || value === 'false' || value === '0') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops <= 100) return hops;
      ctx.addIssue({ code: 'custom', message: 'a hop count must be at most 100' });
      return z.NEVER;
    }
    const entries = value.split(',').map((entry) => entry.trim());
    const bad = entries.find((entry) => !isProxyAddress(entry));
    if (bad === undefined) return entries;
    ctx.addIssue({
      code: 'custom',
      message: `not an address or CIDR range: ${JSON.stringify(bad)} (use true, a hop count, or addresses separated by commas)`,
    });
    return z.NEVER;
  });

/** The environment variables Tanya reads (see the README's configuration table). */
export const ConfigSchema = z.object({
  /**
   * The HTTP port (0 = any free port, for tests and tools). Set but empty is refused: it would
   * otherwise read as 0 and bind a random port nobody knows.
   */
  PORT: z
    .string()
    .optional()
    .refine((value) => value === undefined || value.trim() !== '', 'must not be empty (unset it for 3978)')
    .transform((value) => value ?? '3978')
    .pipe(z.coerce.number<string>().int().min(0).max(65535)),
  HOST: z.string().default('0.0.0.0'),
  /**
   * A separate listener for `/metrics` only (the public port then answers 404 there); unset = the
   * public port serves `/metrics` (a warning at start-up unless METRICS_TOKEN is set).
   */
  METRICS_PORT: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a port number, 0-65535 (unset it to serve /metrics on PORT)')
      .pipe(z.coerce.number<string>().int().max(65535, 'must be a port number, 0-65535'))
      .optional(),
  ),
  /** Address of the METRICS_PORT listener: loopback unless a scraper elsewhere needs it. */
  METRICS_HOST: optionalString.pipe(
    z
      .string()
      .refine(
        (value) => isIP(value) !== 0 || value === 'localhost',
        'must be an IP address or localhost (unset it for 127.0.0.1)',
      )
      .default('127.0.0.1'),
  ),
  /** Set: `/metrics` (on either listener) requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: optionalString.pipe(
    z
      .string()
      .regex(/^[\x21-\x7e]{16,256}$/, 'must be 16-256 printable characters without spaces')
      .optional(),
  ),
  /**
   * Reverse proxies whose `X-Forwarded-For`/`-Proto` headers are believed (fastify `trustProxy`):
   * off by default; `true`, a hop count, or addresses/CIDR ranges separated by commas.
   */
  TRUST_PROXY: TrustProxy,
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
  /** Messages one user may send per minute; over it: one notice, then silence for the minute. 0 = off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(20),
  /** Longest text message processed (characters); longer ones get a polite notice. 0 = no limit. */
  MESSAGE_MAX_CHARS: z.coerce.number().int().min(0).max(4096).default(2000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  TELEGRAM_BOT_TOKEN: optionalString,
  /** Public HTTPS URL Telegram posts updates to; set = webhook mode, unset = long polling. */
  TELEGRAM_WEBHOOK_URL: optionalString.pipe(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL (Telegram requires https in production)' })
      .optional(),
  ),
  /** Shared secret Telegram sends in `X-Telegram-Bot-Api-Secret-Token`; required with a webhook URL. */
  TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -')
      .optional(),
  ),
  /** Another Bot API server (a local `telegram-bot-api`, a test double); default https://api.telegram.org. */
  TELEGRAM_API_ROOT: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Bot Framework app (client) id; unset = authentication off (Bot Framework Emulator mode). */
  MicrosoftAppId: optionalString,
  /** Bot Framework app password (client secret). */
  MicrosoftAppPassword: optionalString,
  /** Azure AD tenant of a SingleTenant or UserAssignedMSI bot. */
  MicrosoftAppTenantId: optionalString,
  /** `MultiTenant` (default), `SingleTenant` or `UserAssignedMSI`. */
  MicrosoftAppType: optionalString.pipe(
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  ),
  WHATSAPP_ENABLED: boolFlag,
  /** Digits with country code (62812…): log in with a pairing code instead of a QR. */
  WHATSAPP_PAIRING_NUMBER: optionalString.pipe(
    z
      .string()
      .transform((value) => value.replace(/[\s()+-]/g, ''))
      .pipe(
        z.string().regex(/^[1-9]\d{7,14}$/, 'must be a phone number with country code, e.g. 628123456789'),
      )
      .optional(),
  ),
  /** Answer in WhatsApp groups too (off: the bot only talks one to one). */
  WHATSAPP_ALLOW_GROUPS: boolFlag,
  /** Names this WhatsApp number's auth state and lease (several numbers can share one Redis). */
  WHATSAPP_NUMBER_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (at most 64)')
    .default('default'),
  /** 32-byte key (64 hex digits or base64) encrypting uploaded documents at rest (AES-256-GCM). */
  DOCUMENT_KEY: optionalString.pipe(
    z
      .string()
      .refine((value) => decodeDocumentKey(value) !== undefined, 'must be 32 bytes: 64 hex digits or base64')
      .optional(),
  ),
  /** 32-byte server key (64 hex digits or base64) for web chat cookies and hashed audit ids; unset = generated once and kept in DATA_DIR (or Redis). */
  SERVER_KEY: optionalString.pipe(
    z
      .string()
      .refine((value) => decodeDocumentKey(value) !== undefined, 'must be 32 bytes: 64 hex digits or base64')
      .optional(),
  ),
  /** New web chat conversations one client address may start per 10 minutes. */
  WEB_NEW_CHATS_PER_ADDRESS: z.coerce.number().int().positive().max(100_000).default(20),
  /** Largest accepted upload, in bytes (default 10 MB). */
  DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** Video-verification hours on working days, in WIB. */
  SLOT_HOURS: z
    .string()
    .refine((value) => parseSlotHours(value) !== undefined, 'must be HH:MM-HH:MM (WIB), end after start')
    .default('09:00-15:00'),
  /** Length of one verification slot in minutes. */
  SLOT_MINUTES: z.coerce.number().int().min(5).max(240).default(30),
  /** People per verification slot. */
  SLOT_CAPACITY: z.coerce.number().int().min(1).max(1000).default(3),
  /** Working days of slots offered, from the next working day. */
  SLOT_DAYS_AHEAD: z.coerce.number().int().min(1).max(60).default(10),
  /** How often the server looks for notifications queued by other processes (ms). */
  NOTIFY_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  /** Agents' working hours: `Mon-Fri 08:00-17:00`, several separated by `;`, or `always`. */
  OFFICE_HOURS: z
    .string()
    .default('Mon-Fri 08:00-17:00')
    .superRefine((value, ctx) => {
      try {
        parseOfficeHours(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  /** Time zone of OFFICE_HOURS (IANA name). */
  OFFICE_TIMEZONE: z.string().default('Asia/Jakarta').refine(isValidTimeZone, 'unknown time zone'),
  /** Minutes of office time a request may wait before the apology and callback offer. */
  HANDOFF_TIMEOUT_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(30),
  /** Agent accounts for the console (default DATA_DIR/agents.json). */
  AGENTS_FILE: optionalString,
  /** How long a console sign-in lasts (hours). */
  CONSOLE_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  /** Largest file a web chat user may upload (MB). */
  WEB_UPLOAD_MAX_MB: z.coerce.number().positive().max(50).default(5),
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
    // Never echo secrets (keys, tokens, passwords), even wrong ones.
    const shown = /KEY|TOKEN|SECRET|PASSWORD/i.test(name) && value ? '(hidden)' : JSON.stringify(value ?? '');
    return `${name}=${shown}: ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration: ${lines.join('; ')}`);
}
