/**
 * An engine with real human handoff (memory stores), a fake clock and a fake `test` channel that
 * records what is pushed to users (agent replies, timeouts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelRegistry } from '../../src/channels/channel.js';
import { loadConfig } from '../../src/config.js';
import { createDialogRegistry } from '../../src/dialogs/index.js';
import type { Dialog } from '../../src/engine/dialog.js';
import type { Engine } from '../../src/engine/engine.js';
import type { Address, Outbound } from '../../src/engine/types.js';
import { createHandoff, type Handoff } from '../../src/handoff/index.js';
import { createLogger } from '../../src/log/logger.js';
import { MemorySessionStore } from '../../src/store/memory-session-store.js';
import { FakeClock } from '../helpers/clock.js';
import { createTestEngine } from '../helpers/engine.js';

/** Monday 23 November 2026, 10:00 in Jakarta (office open). */
export const MONDAY_10_WIB = '2026-11-23T03:00:00.000Z';
/** Saturday 21 November 2026, 10:00 in Jakarta (office closed). */
export const SATURDAY_10_WIB = '2026-11-21T03:00:00.000Z';

/** A test engine with handoff. */
export interface HandoffHarness {
  engine: Engine;
  handoff: Handoff;
  clock: FakeClock;
  /** Outbounds pushed to each conversation of the `test` channel, in order. */
  pushed: Map<string, Outbound[]>;
  /** The texts pushed to a conversation. */
  pushedTexts(conversationId: string): string[];
}

/** Builds the harness; the clock starts on a Monday morning in Jakarta unless told otherwise. */
export async function handoffHarness(
  options: { start?: string; officeHours?: string; timeoutMinutes?: number; extraDialogs?: Dialog[] } = {},
): Promise<HandoffHarness> {
  const clock = new FakeClock(options.start ?? MONDAY_10_WIB);
  const dataDir = mkdtempSync(join(tmpdir(), 'tanya-handoff-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    OFFICE_HOURS: options.officeHours ?? 'Mon-Fri 08:00-17:00',
    HANDOFF_TIMEOUT_MINUTES: String(options.timeoutMinutes ?? 30),
  });
  const pushed = new Map<string, Outbound[]>();
  const channels = new ChannelRegistry().register({
    name: 'test',
    async send(address: Address, outbounds: readonly Outbound[]) {
      pushed.set(address.conversationId, [...(pushed.get(address.conversationId) ?? []), ...outbounds]);
    },
  });
  const handoff = await createHandoff({
    config,
    log: createLogger('silent'),
    dataDir,
    channels,
    dialogs: createDialogRegistry(),
    clock: clock.now,
  });
  const { engine } = createTestEngine({
    handoff: handoff.gate,
    observer: handoff.observer,
    clock: clock.now,
    store: new MemorySessionStore({}, clock.millis),
    ...(options.extraDialogs ? { extraDialogs: options.extraDialogs } : {}),
  });
  handoff.attach(engine);
  return {
    engine,
    handoff,
    clock,
    pushed,
    pushedTexts: (id) => (pushed.get(id) ?? []).map((outbound) => ('text' in outbound ? outbound.text : '')),
  };
}
