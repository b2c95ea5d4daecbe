/**
 * Engine benchmark: turns per second and turn latency on the menu path, with the memory store and
 * with Redis, each beside a same-run baseline (JSON parse+stringify of the same message; a raw
 * Redis GET+SET round trip). Also counts Redis round trips per turn with MONITOR-free accounting.
 */
import { pathToFileURL } from 'node:url';
import { createClient } from 'redis';
import { Engine } from '../src/engine/engine.js';
import { createTranslator } from '../src/engine/i18n.js';
import { createDialogRegistry } from '../src/dialogs/index.js';
import { createRouter } from '../src/dialogs/router.js';
import type { Inbound } from '../src/engine/types.js';
import { MemorySessionStore } from '../src/store/memory-session-store.js';
import { RedisSessionStore } from '../src/store/redis-session-store.js';
import type { SessionStore } from '../src/store/session-store.js';
import { startRedis } from '../test/helpers/redis.js';
import { createTestServices } from '../test/helpers/engine.js';
import { countTopLevelCommands, elapsedMs, percentile, printTable, roundTripsRow, row } from './stats.js';
import type { BenchRow } from './types.js';

function makeEngine(store: SessionStore): Engine {
  const dialogs = createDialogRegistry();
  return new Engine({
    store,
    dialogs,
    translator: createTranslator(),
    route: createRouter(dialogs),
    services: createTestServices(),
  });
}

let counter = 0;
function menuMessage(conversation: number): Inbound {
  return {
    id: `b${++counter}`,
    kind: 'text',
    text: 'menu',
    address: { channel: 'bench', conversationId: `c${conversation}`, userId: `u${conversation}` },
  };
}

/** Runs `turns` menu turns over `conversations` conversations, `concurrency` at a time. */
async function measureTurns(engine: Engine, turns: number, conversations: number, concurrency: number) {
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  let next = 0;
  const worker = async () => {
    while (next < turns) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      await engine.handle(menuMessage(i % conversations));
      latencies.push(elapsedMs(t0));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const totalMs = elapsedMs(start);
  return {
    perSecond: (turns / totalMs) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Baseline: JSON parse + stringify of the same inbound message. */
function jsonBaseline(iterations: number): { perSecond: number; p50: number } {
  const text = JSON.stringify(menuMessage(0));
  const samples: number[] = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    JSON.stringify(JSON.parse(text));
    samples.push(elapsedMs(t0));
  }
  return { perSecond: (iterations / elapsedMs(start)) * 1000, p50: percentile(samples, 50) };
}

/** All engine rows. */
export async function benchEngine(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const turns = 20_000;

  const memoryEngine = makeEngine(new MemorySessionStore());
  await measureTurns(memoryEngine, 2_000, 100, 1); // warm-up
  const memory = await measureTurns(memoryEngine, turns, 100, 1);
  const json = jsonBaseline(turns);
  rows.push(
    row('engine turn, memory store: turns/s (1 core)', memory.perSecond, 'turns/s', {
      name: 'JSON parse+stringify',
      value: json.perSecond,
    }),
  );
  rows.push(
    row('engine turn, memory store: p50', memory.p50, 'ms', {
      name: 'JSON parse+stringify p50',
      value: json.p50,
    }),
  );
  rows.push(row('engine turn, memory store: p99', memory.p99, 'ms'));

  const redis = await startRedis();
  try {
    const store = await RedisSessionStore.connect(redis.url, {}, 'bench:');
    const redisEngine = makeEngine(store);
    const raw = createClient({ url: redis.url });
    await raw.connect();
    const rawSamples: number[] = [];
    for (let i = 0; i < 5_000; i++) {
      const t0 = process.hrtime.bigint();
      await raw.set('bench:raw', 'x'.repeat(600));
      await raw.get('bench:raw');
      rawSamples.push(elapsedMs(t0));
    }
    const roundTrips =
      (await countTopLevelCommands(redis.url, () => measureTurns(redisEngine, 1_000, 100, 1))) / 1_000;
    const result = await measureTurns(redisEngine, 5_000, 100, 1);
    const concurrent = await measureTurns(redisEngine, 5_000, 500, 32);
    rows.push(
      row('engine turn, Redis store: p50', result.p50, 'ms', {
        name: 'raw Redis GET+SET p50',
        value: percentile(rawSamples, 50),
      }),
    );
    rows.push(
      row('engine turn, Redis store: p99', result.p99, 'ms', {
        name: 'raw Redis GET+SET p99',
        value: percentile(rawSamples, 99),
      }),
    );
    rows.push(row('engine turn, Redis store: turns/s (32 in flight)', concurrent.perSecond, 'turns/s'));
    rows.push(roundTripsRow('engine turn, Redis store: round trips per turn', roundTrips));
    await raw.close();
    await store.close();
  } finally {
    await redis.stop();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable(await benchEngine());
}
