/**
 * Human handoff, assembled: the gate and observer the engine uses, the stores (memory, or Redis when
 * `REDIS_URL` is set), the agent actions, the sweeper, agent accounts and the audit log.
 *
 * For dialogs: return `step.handoff(reason, say?, note?)` to hand the conversation to a person
 * (`fallbacks` after two FAQ fallbacks in a row, see fallbacks.ts; `needs_decision` for cases only a
 * person can decide). For integrations: `app.handoff.service.request(address, reason, note)`.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ChannelRegistry } from '../channels/channel.js';
import type { Config } from '../config.js';
import type { DialogRegistry } from '../engine/dialog.js';
import type { Engine } from '../engine/engine.js';
import type { HandoffGate, TurnObserver } from '../engine/handoff-gate.js';
import type { Log } from '../log/logger.js';
import type { TanyaRedis } from '../store/redis-client.js';
import { AgentDirectory } from './accounts.js';
import { LoginLimiter } from './console/login-limiter.js';
import { createDelivery, type Delivery } from './delivery.js';
import { createHandoffGate } from './gate.js';
import { OfficeSchedule } from './office-hours.js';
import { createRecorder } from './recorder.js';
import {
  connectHandoffRedis,
  RedisAuditLog,
  RedisConsoleSessionStore,
  RedisEventHub,
  RedisHandoffIndex,
  RedisTranscriptStore,
} from './redis-stores.js';
import { HandoffService } from './service.js';
import {
  FileAuditLog,
  LocalEventHub,
  MemoryConsoleSessionStore,
  MemoryHandoffIndex,
  MemoryTranscriptStore,
  type AuditLog,
  type ConsoleSessionStore,
  type EventHub,
  type HandoffIndex,
  type TranscriptStore,
} from './stores.js';
import { HandoffSweeper } from './sweeper.js';
import type { ScryptCost } from './passwords.js';

/** What {@link createHandoff} builds from. */
export interface HandoffOptions {
  config: Config;
  log: Log;
  dataDir: string;
  channels: ChannelRegistry;
  dialogs: DialogRegistry;
  clock?: () => Date;
  /** scrypt cost of new password hashes (default: passwords.ts; tests pass a cheaper one). */
  passwordCost?: ScryptCost;
}

/** Human handoff of one process. */
export interface Handoff {
  readonly gate: HandoffGate;
  readonly observer: TurnObserver;
  readonly service: HandoffService;
  readonly sweeper: HandoffSweeper;
  readonly index: HandoffIndex;
  readonly transcripts: TranscriptStore;
  readonly hub: EventHub;
  readonly consoleSessions: ConsoleSessionStore;
  readonly audit: AuditLog;
  readonly agents: AgentDirectory;
  /** Console sign-in attempts per name and address (in Redis when `REDIS_URL` is set). */
  readonly loginLimiter: LoginLimiter;
  readonly schedule: OfficeSchedule;
  readonly delivery: Delivery;
  /** The dialogs agents may return a user to. */
  readonly dialogs: DialogRegistry;
  readonly clock: () => Date;
  /** Connects the engine agents' events run through. */
  attach(engine: Engine): void;
  /** Stops the sweeper and closes the handoff's own connections. */
  close(): Promise<void>;
}

/** Builds handoff from configuration. */
export async function createHandoff(options: HandoffOptions): Promise<Handoff> {
  const { config, log, dataDir, channels, dialogs } = options;
  const clock = options.clock ?? (() => new Date());
  const millis = () => clock().getTime();
  const sessionTtlSec = Math.round(config.SESSION_TTL_HOURS * 3600);
  const schedule = OfficeSchedule.parse(config.OFFICE_HOURS, config.OFFICE_TIMEZONE);
  const secret = randomBytes(32).toString('base64url');

  let redis: TanyaRedis | undefined;
  let index: HandoffIndex;
  let transcripts: TranscriptStore;
  let hub: EventHub;
  let consoleSessions: ConsoleSessionStore;
  let audit: AuditLog;
  let loginLimiter: LoginLimiter;
  if (config.REDIS_URL) {
    redis = await connectHandoffRedis(config.REDIS_URL, log);
    const prefix = config.REDIS_PREFIX;
    index = new RedisHandoffIndex(redis, prefix);
    transcripts = new RedisTranscriptStore(redis, prefix, sessionTtlSec);
    hub = await RedisEventHub.open(redis, prefix, log);
    consoleSessions = new RedisConsoleSessionStore(redis, prefix);
    audit = new RedisAuditLog(redis, prefix);
    loginLimiter = LoginLimiter.redis(redis, prefix);
  } else {
    index = new MemoryHandoffIndex();
    transcripts = new MemoryTranscriptStore(sessionTtlSec, millis);
    hub = new LocalEventHub(millis);
    consoleSessions = new MemoryConsoleSessionStore(millis);
    audit = new FileAuditLog(join(dataDir, 'audit.log'));
    loginLimiter = LoginLimiter.memory();
  }

  const delivery = createDelivery(channels, hub, log);
  const gate = createHandoffGate({
    index,
    schedule,
    secret,
    timeoutMinutes: config.HANDOFF_TIMEOUT_MINUTES,
    dialogs,
    log,
  });
  const observer = createRecorder({ index, transcripts, hub, secret });
  const service = new HandoffService({ index, delivery, secret, log });
  const sweeper = new HandoffSweeper({
    index,
    service,
    schedule,
    timeoutMs: config.HANDOFF_TIMEOUT_MINUTES * 60_000,
    sessionTtlMs: sessionTtlSec * 1000,
    clock,
    log,
  });
  const agents = new AgentDirectory(config.AGENTS_FILE ?? join(dataDir, 'agents.json'), {
    ...(options.passwordCost ? { cost: options.passwordCost } : {}),
    onRehashFailed: (error) => log.warn({ err: error.message }, 'could not store a stronger password hash'),
  });

  return {
    gate,
    observer,
    service,
    sweeper,
    index,
    transcripts,
    hub,
    consoleSessions,
    audit,
    agents,
    loginLimiter,
    schedule,
    delivery,
    dialogs,
    clock,
    attach: (engine) => service.attach(engine),
    async close() {
      await sweeper.stop();
      delivery.close();
      await hub.close();
      if (redis?.isOpen) {
        if (redis.isReady) await redis.close();
        else redis.destroy();
      }
    },
  };
}
