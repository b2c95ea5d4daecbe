/**
 * Reliability-related costs: memory per active session in the memory store (heap delta / sessions for
 * 10,000 sessions, beside the session's JSON size), and what per-user rate limiting costs on Redis
 * (round trips per turn, counted with MONITOR, and turn latency beside the same engine without it).
 */
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Engine, type EngineOptions } from '../src/engine/engine.js';
import { createTranslator } from '../src/engine/i18n.js';
import { createDialogRegistry } from '../src/dialogs/index.js';
import { createRouter } from '../src/dialogs/router.js';
import type { Session } from '../src/engine/session.js';
import type { Inbound } from '../src/engine/types.js';
import { MemorySessionStore } from '../src/store/memory-session-store.js';
import { RedisSessionStore } from '../src/store/redis-session-store.js';
import { encodeSession, type SessionStore } from '../src/store/session-store.js';
import { startRedis } from '../test/helpers/redis.js';
import { createTestServices } from '../test/helpers/engine.js';
import { countTopLevelCommands, elapsedMs, percentile, printTable, roundTripsRow, row } from './stats.js';
import type { BenchRow } from './types.js';

const SESSIONS = 10_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapUsed(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

function makeEngine(store: SessionStore, extra: Partial<EngineOptions> = {}): Engine {
  const dialogs = createDialogRegistry();
  return new Engine({
    store,
    dialogs,
    translator: createTranslator(),
    route: createRouter(dialogs),
    services: createTestServices(),
    ...extra,
  });
}

/** An inbound without its id and address. */
type Body = Inbound extends infer T ? (T extends Inbound ? Omit<T, 'id' | 'address'> : never) : never;

let counter = 0;
function message(conversation: string, body: Body): Inbound {
  return {
    ...body,
    id: `r${++counter}`,
    address: { channel: 'bench', conversationId: conversation, userId: conversation },
  } as Inbound;
}

/** A session as the engine leaves it after `inputs`. */
async function sessionAfter(inputs: Body[]): Promise<Session> {
  const store = new MemorySessionStore();
  const engine = makeEngine(store);
  for (const input of inputs) await engine.process(message('sample', input));
  const stored = await store.get('bench:sample');
  if (!stored) throw new Error('no session');
  await store.close();
  return stored.session;
}

/** Heap bytes per session for `count` copies of `session` committed to a fresh memory store. */
async function heapPerSession(session: Session, count: number): Promise<number> {
  const store = new MemorySessionStore();
  const before = heapUsed();
  for (let i = 0; i < count; i++) {
    const begun = await store.begin(`bench:s${i}`, `m${i}`);
    if (begun.status !== 'ok') throw new Error('store busy');
    await store.commit(`bench:s${i}`, begun.lock, session, 0, `m${i}`);
  }
  const after = heapUsed();
  if (store.size !== count) throw new Error('sessions missing');
  await store.close();
  return (after - before) / count;
}

/** Heap bytes per conversation after one real engine turn each (sessions plus dedupe ids). */
async function heapPerEngineConversation(count: number): Promise<number> {
  const store = new MemorySessionStore();
  const engine = makeEngine(store);
  await engine.process(message('warm', { kind: 'text', text: 'menu' }));
  const before = heapUsed();
  for (let i = 0; i < count; i++) await engine.process(message(`c${i}`, { kind: 'text', text: 'menu' }));
  const after = heapUsed();
  await store.close();
  return (after - before) / count;
}

async function turnP50(engine: Engine, turns: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < turns; i++) {
    const t0 = process.hrtime.bigint();
    await engine.process(message(`u${i % 200}`, { kind: 'text', text: 'menu' }));
    samples.push(elapsedMs(t0));
  }
  return percentile(samples, 50);
}

/** All reliability rows. */
export async function benchReliability(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const menu = await sessionAfter([{ kind: 'text', text: 'halo' }]);
  const form = await sessionAfter([
    { kind: 'choice', choiceId: 'start:bpu-registration' },
    { kind: 'text', text: '1' },
    { kind: 'text', text: 'ya' },
    { kind: 'text', text: '3171014101900001' },
    { kind: 'text', text: 'Siti Aminah' },
    { kind: 'text', text: '1 Januari 1990' },
    { kind: 'text', text: '0812-3456-7890' },
    { kind: 'text', text: '2' },
    { kind: 'text', text: 'jaksel' },
  ]);
  await heapPerSession(menu, 1_000); // warm-up
  for (const [name, session] of [
    ['menu', menu],
    ['BPU form half filled', form],
  ] as const) {
    const json = Buffer.byteLength(encodeSession(session));
    rows.push(
      row(
        `memory store, ${name} session: heap per session (${SESSIONS} sessions)`,
        await heapPerSession(session, SESSIONS),
        'bytes',
        {
          name: 'session JSON size',
          value: json,
        },
      ),
    );
  }
  rows.push(
    row(
      'engine + memory store, one turn per conversation: heap per conversation',
      await heapPerEngineConversation(SESSIONS),
      'bytes',
      {
        name: 'menu session JSON size',
        value: Buffer.byteLength(encodeSession(menu)),
      },
    ),
  );

  const redis = await startRedis();
  try {
    const plainStore = await RedisSessionStore.connect(redis.url, {}, 'bench-plain:');
    const limitedStore = await RedisSessionStore.connect(redis.url, {}, 'bench-limited:');
    const plain = makeEngine(plainStore);
    const limited = makeEngine(limitedStore, { rateLimitPerMinute: 1_000_000 });
    await turnP50(plain, 500);
    await turnP50(limited, 500);
    const plainP50 = await turnP50(plain, 3000);
    const limitedP50 = await turnP50(limited, 3000);
    const roundTrips = (await countTopLevelCommands(redis.url, () => turnP50(limited, 1000))) / 1000;
    rows.push(
      row('Redis turn with rate limiting: p50', limitedP50, 'ms', {
        name: 'without rate limiting',
        value: plainP50,
      }),
    );
    rows.push(roundTripsRow('Redis turn with rate limiting: round trips per turn', roundTrips));
    await plainStore.close();
    await limitedStore.close();
  } finally {
    await redis.stop();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable(await benchReliability());
}
