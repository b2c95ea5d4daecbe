/**
 * The server side of the load harness, run in its own process (as in production, where the bot
 * does not share a CPU core's event loop with its users): the real `serve()` configured from the
 * environment (protocol.ts), with the engine observed so the harness knows what every turn
 * produced. It reports `ready`, one `turn` per engine turn, and on `finish` drains, reports the
 * stored records and its own timings, and exits.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { z } from 'zod';
import type { App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log/logger.js';
import { serve } from '../../src/main.js';
import { monitorLoopDelay, percentile } from '../../bench/stats.js';
import { ToServer, type FromServer } from './protocol.js';

function send(message: FromServer): void {
  process.send?.(message);
}

const engineMs: number[] = [];

/** Counts garbage collection pauses (a long one stalls every turn in flight). */
function watchGc() {
  const gc = { count: 0, totalMs: 0, maxMs: 0, majorMaxMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count += 1;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR)
        gc.majorMaxMs = Math.max(gc.majorMaxMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    observer.disconnect();
    return gc;
  };
}

/** Reports every turn the engine processes to the harness. */
function observe(app: App): void {
  const engine = app.engine;
  const run = engine.process.bind(engine);
  engine.process = async (raw) => {
    const started = performance.now();
    const outcome = await run(raw);
    const ms = performance.now() - started;
    engineMs.push(ms);
    const address = (raw as { address: { channel: string; conversationId: string; userId: string } }).address;
    send({
      type: 'turn',
      channel: address.channel,
      conversationId: address.conversationId,
      userId: address.userId,
      replies: outcome.replies,
      awaiting: outcome.awaiting?.step ?? null,
      duplicate: outcome.duplicate,
      engineMs: ms,
    });
    return outcome;
  };
}

if (!process.send) {
  console.error('scripts/load/server.ts runs as a child of the load harness (it needs an IPC channel)');
  process.exit(2);
}
// The harness going away (a crash, Ctrl-C) ends this process too.
let finished = false;
process.on('disconnect', () => process.exit(finished ? 0 : 1));

const pace = z.coerce.number().int().min(0).parse(process.env.LOAD_TELEGRAM_PACE_MS);
const config = loadConfig();
const serving = await serve(config, createLogger(config.LOG_LEVEL), {
  onApp: observe,
  telegram: { outbox: { minIntervalMs: pace, jitterMs: 0 } },
});
// Measured from here: start-up (loading content and indexes) is not serving.
const stopLoopMonitor = monitorLoopDelay();
const stopGcWatch = watchGc();
send({ type: 'ready', url: serving.url, dialogs: serving.app.handoff.dialogs.ids() });

process.on('message', (raw: unknown) => {
  ToServer.parse(raw);
  void (async () => {
    const records = (await serving.app.records.list()).map((record) => ({
      type: record.type,
      conversation: `${record.conversation.channel}:${record.conversation.conversationId}`,
    }));
    // Stops the HTTP server, then the channels (the Telegram outbox sends what it holds), then the app.
    await serving.shutdown();
    send({
      type: 'finished',
      records,
      eventLoopDelayMs: stopLoopMonitor(),
      gc: stopGcWatch(),
      engineMs: {
        p50: percentile(engineMs, 50),
        p99: percentile(engineMs, 99),
        max: percentile(engineMs, 100),
      },
    });
    finished = true;
    process.disconnect();
  })();
});
