/**
 * The engine's two handoff hooks, with a scripted gate and a recording observer: the gate is
 * consulted before intents and dialogs, its decisions (pass, hold, park, restart, resume) drive the
 * runner, requests for a person go through it with their reason, and the observer sees every
 * committed turn (never duplicates).
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../helpers/converse.js';
import { createTestEngine } from '../helpers/engine.js';
import { createFormDialog } from '../helpers/fixture-dialogs.js';
import { defineDialog, say, step } from '../../src/engine/dialog.js';
import type { GateDecision, HandoffGate, TurnRecord } from '../../src/engine/handoff-gate.js';
import type { HandoffReason } from '../../src/engine/session.js';
import type { Inbound } from '../../src/engine/types.js';

/** A gate that answers from a script and records what it was asked. */
function scriptedGate(decide: (input: Inbound) => GateDecision) {
  const requests: HandoffReason[] = [];
  const seen: Inbound[] = [];
  const gate: HandoffGate = {
    async intercept(_turn, input) {
      seen.push(input);
      return decide(input);
    },
    async request(_turn, reason) {
      requests.push(reason);
      return { action: 'hold', park: true, say: [{ kind: 'text', text: `queued:${reason}` }] };
    },
  };
  return { gate, requests, seen };
}

const passAll = () => ({ action: 'pass' }) as const;

describe('engine handoff hooks', () => {
  it('consults the gate first: hold keeps the bot silent and runs no dialog', async () => {
    const { gate } = scriptedGate((input) =>
      input.kind === 'text' && input.text === 'diam' ? { action: 'hold', say: [] } : { action: 'pass' },
    );
    const { engine } = createTestEngine({ handoff: gate, extraDialogs: [createFormDialog()] });
    const conversation = converse(engine, { user: 'g1' })
      .choose('start:test-form')
      .user('diam')
      .expectSilence();
    await conversation;
    // The form is untouched and still waits for the name.
    await conversation.user('Siti').expectText('Berapa umur');
  });

  it('sends the agent intent to the gate as user_request, and parks a form with its answers', async () => {
    const { gate, requests } = scriptedGate(passAll);
    const { engine } = createTestEngine({ handoff: gate, extraDialogs: [createFormDialog()] });
    await converse(engine, { user: 'g2' })
      .choose('start:test-form')
      .user('Siti')
      .user('agen')
      .expectText('queued:user_request');
    expect(requests).toEqual(['user_request']);
    const session = await engine.session('test:g2');
    expect(session?.stack).toEqual([]);
    expect(session?.paused?.[0]?.state).toMatchObject({ name: 'Siti' });
    expect(session?.handoffRequests).toBeUndefined();
  });

  it('records the attempt-limit way out as attempt_limit', async () => {
    const { gate, requests } = scriptedGate(passAll);
    const { engine } = createTestEngine({ handoff: gate, extraDialogs: [createFormDialog()] });
    await converse(engine, { user: 'g3' })
      .choose('start:test-form')
      .user('Siti')
      .user('0')
      .user('999')
      .user('500')
      .expectChoices(['intent:agent'])
      .choose('intent:agent')
      .expectText('queued:attempt_limit');
    expect(requests).toEqual(['attempt_limit']);
  });

  it('lets a dialog hand over with step.handoff (a non-form dialog ends)', async () => {
    const asker = defineDialog<Record<string, never>>({
      id: 'test-asker',
      version: 1,
      titleKey: 'test:asker',
      firstStep: 'ask',
      start: () => ({}),
      steps: {
        ask: {
          prompt: () => [say.text('tanya apa?')],
          receive: () => step.handoff('needs_decision', [say.text('perlu petugas')], 'kasus khusus'),
        },
      },
    });
    const { gate, requests } = scriptedGate(passAll);
    const { engine } = createTestEngine({ handoff: gate, extraDialogs: [asker] });
    await converse(engine, { user: 'g4' })
      .choose('start:test-asker')
      .user('boleh klaim dua kali?')
      .expectText('perlu petugas')
      .expectText('queued:needs_decision');
    expect(requests).toEqual(['needs_decision']);
    expect((await engine.session('test:g4'))?.stack).toEqual([]);
  });

  it('restart starts the menu (or a named dialog); resume asks the running question again', async () => {
    let next: GateDecision = { action: 'pass' };
    const { gate } = scriptedGate(() => next);
    const { engine } = createTestEngine({ handoff: gate, extraDialogs: [createFormDialog()] });
    const conversation = converse(engine, { user: 'g5' }).choose('start:test-form');
    await conversation;
    next = { action: 'resume', say: [{ kind: 'text', text: 'lanjut' }] };
    await conversation.user('apa saja').expectText('lanjut').expectText('Siapa nama Anda?');
    next = { action: 'restart', say: [{ kind: 'text', text: 'selesai' }] };
    await conversation.user('apa saja').expectText('selesai').expectAwaiting('menu', 'choose');
    next = { action: 'restart', say: [], dialog: 'test-form' };
    // The paused form is offered back rather than silently replaced.
    await conversation.user('apa saja').expectChoices(['resume:continue', 'resume:restart']);
  });

  it('tells the observer about committed turns only (not duplicates)', async () => {
    const records: TurnRecord[] = [];
    const { engine } = createTestEngine({
      observer: { afterTurn: async (record) => void records.push(record) },
    });
    const address = { channel: 'test', conversationId: 'obs', userId: 'obs' };
    await engine.handle({ id: 'o1', kind: 'text', text: 'halo', address });
    await engine.handle({ id: 'o1', kind: 'text', text: 'halo', address });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ key: 'test:obs', inbound: { text: 'halo' }, session: { turns: 1 } });
    expect(records[0]?.replies.length).toBeGreaterThan(0);
  });

  it('keeps answering when the observer fails', async () => {
    const { engine } = createTestEngine({
      observer: {
        afterTurn: async () => {
          throw new Error('transcript store down');
        },
      },
    });
    await converse(engine).user('halo').expectText('Tanya');
  });
});
