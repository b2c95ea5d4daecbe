/**
 * Shared setup of the end-to-end dialog flows over the real channel libraries
 * (`*-flows.test.ts`): the real app (`createApp`: its own engine, real dialogs, services and stores
 * in a temporary DATA_DIR) on a fake clock, with the real fastify server. Channels join the app's
 * registry as in `tanya serve`, so dialogs fetch uploads through the channel they came from. Also
 * the answers and expectations the flows share.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import type { Channel } from '../../src/channels/channel.js';
import { loadConfig } from '../../src/config.js';
import { RegistrationData } from '../../src/dialogs/bpu/record.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log/logger.js';
import type { StoredRecord } from '../../src/store/records.js';
import { NIK, PHONE_E164 } from '../helpers/bpu.js';
import { FakeClock } from '../helpers/clock.js';

/** Saturday 21 November 2026, 10:00 WIB: the first verification day is Monday 23 November. */
export const FLOW_START = '2026-11-21T03:00:00.000Z';

/**
 * How long a user takes to answer: the fake clock moves this much before each message, so a whole
 * form stays within the default rate limit (20 messages a minute) as it does for a real person.
 */
export const ANSWER_PAUSE_MS = 15_000;

/** A BPU registration reference made on {@link FLOW_START}. */
export const BPU_REFERENCE = /BPU-20261121-[0-9A-Z]{6}/;
/** A claim ticket made on {@link FLOW_START}. */
export const CLAIM_TICKET = /LA-20261121-[0-9A-Z]{6}/;

/** A question the shipped FAQ answers confidently, what the answer mentions, and its source line. */
export const FAQ_QUESTION = 'apakah pencairan jht dipotong pajak?';
export const FAQ_TOPIC = /pajak/i;
export const FAQ_SOURCE = /Sumber: .+\(ditinjau \d{4}-\d{2}-\d{2}\)/;

/** What the BPU summary shows for the answers of `test/helpers/bpu.ts` (NIK and phone masked). */
export const BPU_SUMMARY = [
  '************0001',
  '+62812****7890',
  'Siti Aminah',
  '1 Januari 1990',
  'Pedagang',
  'Kota Jakarta Selatan, DKI Jakarta',
  'Rp66.800/bulan',
];

/** The real app on a fake clock, its HTTP server and the channels running in it. */
export interface FlowApp {
  readonly app: App;
  readonly clock: FakeClock;
  readonly server: FastifyInstance;
  /** Log lines of the app and its channels. */
  readonly lines: string[];
  /** Registers a channel as `tanya serve` does (registry and routes); started by {@link listen}. */
  use<T extends Channel>(channel: T): Promise<T>;
  /** Starts the server on a loopback port, then the channels; resolves with the base URL. */
  listen(): Promise<string>;
  /** The user takes a moment before their next message. */
  pause(): void;
  /** Stops the channels, the server and the app. */
  close(): Promise<void>;
}

/** Starts the real app (temporary DATA_DIR, no Redis) on a fake clock at {@link FLOW_START}. */
export async function startFlowApp(env: Record<string, string> = {}): Promise<FlowApp> {
  const clock = new FakeClock(FLOW_START);
  const lines: string[] = [];
  const log = createLogger('debug', { write: (line: string) => void lines.push(line) });
  const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tanya-flows-')), ...env });
  const app = await createApp(config, log, { clock: clock.now });
  const server = await createHttpServer(app);
  const channels: Channel[] = [];
  return {
    app,
    clock,
    server,
    lines,
    async use(channel) {
      app.channels.register(channel);
      await channel.registerRoutes?.(server);
      channels.push(channel);
      return channel;
    },
    async listen() {
      const base = await server.listen({ port: 0, host: '127.0.0.1' });
      for (const channel of channels) await channel.start?.();
      return base;
    },
    pause() {
      clock.advance(ANSWER_PAUSE_MS);
    },
    async close() {
      for (const channel of channels.reverse()) await channel.stop?.();
      await server.close();
      await app.close();
    },
  };
}

/**
 * Checks the app's record store holds exactly one registration, made by `channel` with the answers
 * of `test/helpers/bpu.ts` (Rp2 juta with JHT: Rp66.800 a month), and returns it.
 */
export async function expectOneBpuRegistration(app: App, channel: string): Promise<StoredRecord> {
  const records = await app.records.list({ type: 'registration' });
  expect(records).toHaveLength(1);
  const record = records[0] as StoredRecord;
  expect(record.id).toMatch(new RegExp(`^${BPU_REFERENCE.source}$`));
  expect(record.status).toBe('registered');
  expect(record.conversation.channel).toBe(channel);
  expect(RegistrationData.parse(record.data)).toMatchObject({
    mode: 'self',
    nik: NIK,
    name: 'Siti Aminah',
    birthDate: '1990-01-01',
    phone: PHONE_E164,
    occupation: { code: 'trader', text: null },
    city: { id: '3171', name: 'Kota Jakarta Selatan' },
    income: 2_000_000,
    programs: ['JKK', 'JKM', 'JHT'],
    contribution: { total: 66_800 },
    consentAt: expect.stringMatching(/^2026-11-21T03:/),
  });
  return record;
}
