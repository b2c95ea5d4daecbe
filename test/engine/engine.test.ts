import { describe, expect, it } from 'vitest';
import { converse } from '../helpers/converse.js';
import { createTestEngine } from '../helpers/engine.js';
import { brokenDialog, createFormDialog, recorderDialog } from '../helpers/fixture-dialogs.js';
import { InvalidInboundError } from '../../src/engine/errors.js';
import { MemorySessionStore } from '../../src/store/memory-session-store.js';
import { newSession } from '../../src/engine/session.js';
import type { Inbound } from '../../src/engine/types.js';
import type { SessionStore } from '../../src/store/session-store.js';

/** A store that behaves like `inner` except for the overridden methods. */
function delegate(inner: SessionStore, overrides: Partial<SessionStore>): SessionStore {
  return {
    kind: inner.kind,
    begin: overrides.begin ?? ((...a) => inner.begin(...a)),
    commit: overrides.commit ?? ((...a) => inner.commit(...a)),
    release: (...a) => inner.release(...a),
    get: (...a) => inner.get(...a),
    delete: (...a) => inner.delete(...a),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
}

const address = { channel: 'test', conversationId: 'c1', userId: 'u1' };
const text = (id: string, body: string): Inbound => ({ id, address, kind: 'text', text: body });

describe('engine: menu and routing', () => {
  it('greets with the main menu and lists its services as choices', async () => {
    const { engine } = createTestEngine();
    await converse(engine)
      .user('halo')
      .expectText('Tanya')
      .expectChoices(['intent:agent'])
      .expectAwaiting('menu', 'choose')
      .user('menu')
      .expectAwaiting('menu', 'choose');
  });

  it('uses the platform locale hint for the first message', async () => {
    const { engine } = createTestEngine();
    await converse(engine, { localeHint: 'en-US' }).user('hello').expectText("I'm *Tanya*");
  });

  it('starts a registered dialog from a start: choice and stamps awaiting on its prompt', async () => {
    const { engine } = createTestEngine({ extraDialogs: [createFormDialog()] });
    await converse(engine)
      .choose('start:test-form')
      .expectText('Siapa nama Anda?')
      .expectAwaiting('test-form', 'name')
      .check((replies) => expect(replies[0]?.awaiting).toEqual({ dialog: 'test-form', step: 'name' }));
  });

  it('rejects a malformed inbound with a named error', async () => {
    const { engine } = createTestEngine();
    await expect(engine.handle({ id: 'x', kind: 'text', address })).rejects.toBeInstanceOf(
      InvalidInboundError,
    );
    await expect(engine.handle({ id: 'x', kind: 'sticker', address })).rejects.toThrow(/kind/);
  });
});

describe('engine: dedupe and ordering', () => {
  it('answers a redelivered message id once', async () => {
    const { engine } = createTestEngine();
    const first = await engine.handle(text('same', 'halo'));
    const second = await engine.handle(text('same', 'halo'));
    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual([]);
  });

  it('answers a duplicate fired concurrently with the original once', async () => {
    const { engine } = createTestEngine();
    const replies = await Promise.all([
      engine.handle(text('dup', 'halo')),
      engine.handle(text('dup', 'halo')),
    ]);
    expect(replies.filter((r) => r.length > 0)).toHaveLength(1);
  });

  it('processes 50 concurrent messages of one conversation in arrival order, losing none', async () => {
    const { engine } = createTestEngine({ extraDialogs: [recorderDialog] });
    await engine.handle({ id: 'start', address, kind: 'choice', choiceId: 'start:test-recorder' });
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => engine.handle(text(`m${i}`, `msg${i}`))),
    );
    replies.forEach((reply, i) => {
      expect(reply).toEqual([
        {
          kind: 'text',
          text: `count=${i + 1} last=msg${i}`,
          awaiting: { dialog: 'test-recorder', step: 'listen' },
        },
      ]);
    });
    const session = await engine.session('test:c1');
    expect(session?.stack[0]?.state.seen).toEqual(Array.from({ length: 50 }, (_, i) => `msg${i}`));
  });

  it('runs different conversations concurrently without mixing their state', async () => {
    const { engine } = createTestEngine({ extraDialogs: [recorderDialog] });
    const users = ['a', 'b', 'c'];
    await Promise.all(
      users.map((user) =>
        engine.handle({
          id: `s-${user}`,
          address: { ...address, conversationId: user },
          kind: 'choice',
          choiceId: 'start:test-recorder',
        }),
      ),
    );
    await Promise.all(
      users.flatMap((user) =>
        Array.from({ length: 10 }, (_, i) =>
          engine.handle({
            id: `${user}-${i}`,
            address: { ...address, conversationId: user },
            kind: 'text',
            text: `${user}${i}`,
          }),
        ),
      ),
    );
    for (const user of users) {
      const session = await engine.session(`test:${user}`);
      expect(session?.stack[0]?.state.seen).toEqual(Array.from({ length: 10 }, (_, i) => `${user}${i}`));
    }
  });
});

describe('engine: revisions and versions', () => {
  it('retries a turn whose save hit a revision conflict, keeping both writes', async () => {
    const inner = new MemorySessionStore();
    let interfered = false;
    const store = delegate(inner, {
      async commit(key, lock, session, expectedRev, messageId) {
        if (!interfered && expectedRev > 0) {
          interfered = true;
          // Another writer (an agent console, another instance) saves first.
          const current = (await inner.get(key))!;
          current.session.memory.note = 'written by someone else';
          await inner.commit(key, 'other-lock', current.session, current.rev);
        }
        return inner.commit(key, lock, session, expectedRev, messageId);
      },
    });
    const { engine } = createTestEngine({ store, extraDialogs: [recorderDialog] });
    await engine.handle({ id: 's', address, kind: 'choice', choiceId: 'start:test-recorder' });
    const reply = await engine.handle(text('m1', 'pisang'));
    expect(reply[0]).toMatchObject({ text: 'count=1 last=pisang' });
    const session = (await inner.get('test:c1'))!.session;
    expect(session.memory.note).toBe('written by someone else');
    expect(session.stack[0]?.state.seen).toEqual(['pisang']);
    expect(interfered).toBe(true);
    expect((await engine.metrics.conflicts.get()).values[0]?.value).toBe(1);
  });

  it('restarts a dialog whose stored version changed, with an apology instead of a crash', async () => {
    const store = new MemorySessionStore();
    const v1 = createTestEngine({ store, extraDialogs: [createFormDialog(1)] }).engine;
    await converse(v1, { user: 'v' }).choose('start:test-form').user('Siti').expectText('Berapa umur');
    const v2 = createTestEngine({ store, extraDialogs: [createFormDialog(2)] }).engine;
    await converse(v2, { user: 'v' })
      .user('30')
      .expectText('baru saja diperbarui')
      .expectText('Siapa nama Anda?')
      .expectAwaiting('test-form', 'name');
  });

  it('apologises and returns to the menu when a stored dialog no longer exists', async () => {
    const store = new MemorySessionStore();
    const old = createTestEngine({ store, extraDialogs: [createFormDialog()] }).engine;
    await converse(old, { user: 'gone' }).choose('start:test-form');
    const now = createTestEngine({ store }).engine;
    await converse(now, { user: 'gone' })
      .user('Siti')
      .expectText('tidak tersedia')
      .expectAwaiting('menu', 'choose');
  });

  it('answers politely and saves nothing when a dialog throws', async () => {
    const { engine } = createTestEngine({ extraDialogs: [brokenDialog] });
    const conversation = converse(engine, { user: 'broken' }).choose('start:test-broken').expectText('ready');
    await conversation;
    const before = await engine.session('test:broken');
    await conversation.user('nilai 17').expectText('terjadi kesalahan');
    const after = await engine.session('test:broken');
    expect(after?.turns).toBe(before?.turns);
  });

  it('tells the user to try again when the store is down, without throwing', async () => {
    const store = delegate(new MemorySessionStore(), {
      async begin() {
        throw new Error('ECONNREFUSED');
      },
    });
    const { engine } = createTestEngine({ store });
    await converse(engine).user('halo').expectText('sedang ada gangguan');
  });
});

describe('engine: global intents inside a form', () => {
  const start = () => createTestEngine({ extraDialogs: [createFormDialog()] }).engine;

  it('cancel says what was discarded and returns to the menu', async () => {
    await converse(start())
      .choose('start:test-form')
      .user('Siti')
      .user('30')
      .user('batal')
      .expectText(/dibatalkan.*\(name, age\)/)
      .expectAwaiting('menu', 'choose');
  });

  it('cancel with nothing running says so', async () => {
    await converse(start()).user('batal').expectText('Tidak ada proses');
  });

  it('back returns to the previous question keeping the answers', async () => {
    await converse(start())
      .choose('start:test-form')
      .user('Siti')
      .user('kembali')
      .expectText('Siapa nama Anda?')
      .expectAwaiting('test-form', 'name')
      .user('kembali')
      .expectText('pertanyaan pertama');
  });

  it('switching language re-asks the same step in the new language', async () => {
    await converse(start())
      .choose('start:test-form')
      .user('Siti')
      .user('english')
      .expectText('continue in English')
      .expectText('How old are you?')
      .expectAwaiting('test-form', 'age')
      .user('bahasa')
      .expectChoices(['lang:id', 'lang:en'])
      .user('1')
      .expectText('Bahasa Indonesia')
      .expectText('Berapa umur Anda?')
      .expectAwaiting('test-form', 'age');
  });

  it('help explains the commands and re-asks', async () => {
    await converse(start())
      .choose('start:test-form')
      .user('bantuan')
      .expectText('*batal*')
      .expectText('Siapa nama Anda?');
  });

  it('asking for an agent records the request on the session and keeps the form', async () => {
    const engine = start();
    await converse(engine, { user: 'ag' })
      .choose('start:test-form')
      .user('agen')
      .expectText('petugas')
      .expectAwaiting('test-form', 'name');
    const session = await engine.session('test:ag');
    expect(session?.handoffRequests?.[0]?.reason).toBe('user_request');
  });

  it('after 3 invalid answers offers retry, menu or an agent, keeping earlier answers', async () => {
    const engine = start();
    await converse(engine, { user: 'stuck' })
      .choose('start:test-form')
      .user('Siti')
      .user('abc')
      .expectText('Umur harus angka')
      .expectText('Berapa umur')
      .user('x')
      .user('y')
      .expectChoices(['retry', 'intent:menu', 'intent:agent'], true)
      .user('1')
      .expectText('Berapa umur')
      .user('31')
      .expectText('Pilih warna');
  });

  it('selects a choice by number, number word, label or near-miss label', async () => {
    const engine = start();
    for (const [answer, id] of [
      ['2', 'green'],
      ['dua', 'green'],
      ['Biru muda', 'blue'],
      ['biru mda', 'blue'],
      ['yang ketiga', 'blue'],
    ] as const) {
      await converse(engine)
        .choose('start:test-form')
        .user('Siti')
        .user('30')
        .user(answer)
        .expectText(`Selesai: Siti, 30, ${id}`);
    }
  });

  it('menu pauses the form and offers it back when the user returns to it', async () => {
    await converse(start())
      .choose('start:test-form')
      .user('Siti')
      .user('menu')
      .expectAwaiting('menu', 'choose')
      .choose('start:test-form')
      .expectChoices(['resume:continue', 'resume:restart'])
      .user('lanjutkan')
      .expectText('Berapa umur Anda?')
      .user('30')
      .user('1')
      .expectText('Selesai: Siti, 30, red');
  });

  it('a greeting in the middle of a form is greeted back, then the same question follows', async () => {
    await converse(start())
      .choose('start:test-form')
      .user('Siti')
      .user('halo')
      .expectText('Halo!')
      .expectText('Berapa umur Anda?')
      .expectAwaiting('test-form', 'age')
      .user('pagi kak')
      .expectText('Halo!')
      .expectAwaiting('test-form', 'age')
      .user('30')
      .expectAwaiting('test-form', 'colour');
  });
});

describe('session', () => {
  it('a new session starts empty in the given locale', () => {
    const session = newSession('en', new Date('2026-11-21T00:00:00Z'));
    expect(session).toMatchObject({ locale: 'en', stack: [], turns: 0 });
  });
});
