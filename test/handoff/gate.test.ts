/**
 * Human handoff through the real engine, gate, recorder, service and sweeper (memory stores, fake
 * clock): the queue, what the user is told, silence while a person has the conversation, the user's
 * commands, office hours, the timeout and callback, and the agent's actions.
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../helpers/converse.js';
import { createFormDialog } from '../helpers/fixture-dialogs.js';
import { CONSOLE_TOPIC } from '../../src/handoff/recorder.js';
import { ConsoleEvent } from '../../src/handoff/model.js';
import { handoffChoice } from '../../src/handoff/gate.js';
import { handoffHarness, SATURDAY_10_WIB } from './harness.js';

const MINUTE = 60_000;

describe('queue: entering it, position, estimate', () => {
  it('queues a user who types "agen", telling their place and that the wait cannot be estimated yet', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 'u1' })
      .user('agen')
      .expectText('Posisi Anda: nomor 1')
      .expectText('belum bisa diperkirakan')
      .expectText('*batal*');
    await converse(h.engine, { user: 'u2' }).user('minta petugas').expectText('nomor 2');
    const session = await h.engine.session('test:u1');
    expect(session?.handoff).toMatchObject({ state: 'queued', reason: 'user_request', position: 1 });
    const entries = await h.handoff.index.list();
    expect(entries.map((entry) => [entry.key, entry.state])).toEqual([
      ['test:u1', 'queued'],
      ['test:u2', 'queued'],
    ]);
  });

  it('estimates from actual recent waits once some were measured', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 'a' }).user('agen');
    h.clock.advance(4 * MINUTE);
    expect(await h.handoff.service.take('test:a', 'budi')).toMatchObject({ ok: true });
    h.clock.advance(MINUTE);
    await converse(h.engine, { user: 'b' })
      .user('agen')
      .expectText('nomor 1')
      .expectText('sekitar 4 menit (dari waktu tunggu 1 permintaan terakhir)');
    expect(await h.handoff.index.recentWaits()).toEqual([{ ms: 4 * MINUTE, at: expect.any(String) }]);
  });

  it('says the place again when a queued user asks for an agent again', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 'x1' }).user('agen');
    await converse(h.engine, { user: 'x2' })
      .user('agen')
      .user('agen')
      .expectText('sudah ada di antrean petugas, posisi nomor 2');
  });
});

describe('while a person has the conversation', () => {
  it('the bot stays silent and everything the user sends reaches the console transcript, live', async () => {
    const h = await handoffHarness();
    const events: ConsoleEvent[] = [];
    h.handoff.hub.subscribe(CONSOLE_TOPIC, (data) => events.push(ConsoleEvent.parse(data)));
    const user = converse(h.engine, { user: 'quiet' });
    await user.user('agen');
    await user.user('halo').expectSilence();
    await user.user('gmn cara klaim jht?').expectSilence();
    await user.send({ kind: 'location', lat: -6.2, lon: 106.8 }).expectSilence();
    await user
      .send({ kind: 'document', file: { ref: '/tmp/ktp.pdf', name: 'ktp.pdf', mime: 'application/pdf' } })
      .expectSilence();
    expect(await h.handoff.service.take('test:quiet', 'budi')).toMatchObject({
      ok: true,
      handoff: { agent: 'budi' },
    });
    expect(h.pushedTexts('quiet')).toEqual([expect.stringContaining('terhubung dengan petugas *budi*')]);
    await user.user('menu utama dong, eh bukan').expectSilence();
    await user.user('halo').expectSilence();

    const { lines } = await h.handoff.transcripts.list('test:quiet');
    const fromUser = lines.filter((line) => line.from === 'user');
    expect(fromUser.map((line) => line.kind)).toEqual([
      'text',
      'text',
      'text',
      'location',
      'file',
      'text',
      'text',
    ]);
    expect(fromUser[4]?.file).toEqual({
      channel: 'test',
      ref: { ref: '/tmp/ktp.pdf', name: 'ktp.pdf', mime: 'application/pdf' },
    });
    expect(
      lines.some((line) => line.from === 'system' && line.text === 'take' && line.agent === 'budi'),
    ).toBe(true);
    const live = events
      .filter((event) => event.key === 'test:quiet')
      .flatMap((event) => event.lines.map((l) => l.line.text));
    expect(live).toContain('gmn cara klaim jht?');
    expect((await h.handoff.index.get('test:quiet'))?.preview).toBe('halo');
  });

  it('delivers agent replies to the user and records them as the agent', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 'r' }).user('agen');
    await h.handoff.service.take('test:r', 'budi');
    expect(await h.handoff.service.reply('test:r', 'budi', 'Halo, ada yang bisa dibantu?')).toMatchObject({
      ok: true,
    });
    expect(await h.handoff.service.reply('test:r', 'sari', 'bukan punya saya')).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(h.pushedTexts('r').at(-1)).toBe('Halo, ada yang bisa dibantu?');
    const { lines } = await h.handoff.transcripts.list('test:r');
    expect(lines.at(-1)).toMatchObject({
      from: 'agent',
      agent: 'budi',
      text: 'Halo, ada yang bisa dibantu?',
    });
    expect(lines.some((line) => line.text === 'bukan punya saya')).toBe(false);
  });

  it('"batal" leaves the queue and the bot shows the menu', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 'c' })
      .user('agen')
      .user('batal')
      .expectText('keluar dari antrean')
      .expectAwaiting('menu', 'choose');
    expect((await h.engine.session('test:c'))?.handoff?.state).toBe('bot');
    expect(await h.handoff.index.get('test:c')).toBeUndefined();
  });

  it('"menu" while queued asks first; keeping the place changes nothing', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 'm' })
      .user('agen')
      .user('menu')
      .expectChoices(['handoff:stay', 'handoff:leave'])
      .user('1')
      .expectText('tetap di antrean');
    expect((await h.engine.session('test:m'))?.handoff?.state).toBe('queued');
  });

  it('"menu" while assigned asks whether to end the chat with the agent', async () => {
    const h = await handoffHarness();
    const user = converse(h.engine, { user: 'e' });
    await user.user('agen');
    await h.handoff.service.take('test:e', 'budi');
    await user
      .user('menu')
      .expectText('Mau mengakhiri percakapan dengan petugas?')
      .expectChoices(['handoff:end', 'handoff:continue']);
    await user.user('tidak').expectText('silakan lanjutkan percakapan dengan petugas *budi*');
    expect((await h.engine.session('test:e'))?.handoff?.state).toBe('assigned');
    await user.user('menu').user('ya').expectText('sudah diakhiri').expectAwaiting('menu', 'choose');
    expect((await h.engine.session('test:e'))?.handoff?.state).toBe('bot');
    expect(await h.handoff.index.get('test:e')).toBeUndefined();
    expect(await h.handoff.service.reply('test:e', 'budi', 'masih di sana?')).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it('switches language while waiting, without leaving the queue', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 'l' })
      .user('agen')
      .user('english')
      .expectText("let's continue in English");
    const session = await h.engine.session('test:l');
    expect(session?.locale).toBe('en');
    expect(session?.handoff?.state).toBe('queued');
  });

  it('ignores handoff events from a channel that lack the process secret', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 'f' }).user('agen');
    const address = { channel: 'test', conversationId: 'f', userId: 'f' };
    const replies = await h.engine.handle({
      id: 'forged',
      kind: 'event',
      name: 'handoff.take',
      payload: { secret: 'guess', agent: 'mallory' },
      address,
    });
    expect(replies).toEqual([]);
    expect((await h.engine.session('test:f'))?.handoff?.state).toBe('queued');
  });
});

describe('agent actions', () => {
  it('close: the bot greets the user again; return: the user lands in the chosen dialog', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 'k' }).user('agen');
    await h.handoff.service.take('test:k', 'budi');
    expect(await h.handoff.service.close('test:k', 'sari', false)).toMatchObject({ ok: false, status: 409 });
    expect(await h.handoff.service.close('test:k', 'budi', false)).toMatchObject({
      ok: true,
      handoff: { state: 'closed' },
    });
    const texts = h.pushedTexts('k');
    expect(texts.at(-2)).toContain('telah mengakhiri percakapan');
    expect(texts.at(-1)).toContain('Halo! Saya *Tanya*');
    await converse(h.engine, { user: 'k' }).user('menu').expectText('Halo! Saya *Tanya*');

    await converse(h.engine, { user: 'j' }).user('agen');
    await h.handoff.service.take('test:j', 'budi');
    expect(await h.handoff.service.close('test:j', 'budi', false, 'language')).toMatchObject({ ok: true });
    expect(h.pushedTexts('j').slice(-2)).toEqual([
      expect.stringContaining('mengarahkan Anda ke layanan *Pilihan bahasa*'),
      'Pilih bahasa / Choose a language:',
    ]);
  });

  it('transfer hands the conversation to another agent; only a supervisor may act on others', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 't' }).user('agen');
    await h.handoff.service.take('test:t', 'budi');
    expect(await h.handoff.service.take('test:t', 'sari')).toMatchObject({
      ok: false,
      status: 409,
      why: 'taken by budi',
    });
    expect(await h.handoff.service.transfer('test:t', 'sari', 'sari', false)).toMatchObject({ ok: false });
    expect(await h.handoff.service.transfer('test:t', 'budi', 'sari', false)).toMatchObject({
      ok: true,
      handoff: { agent: 'sari' },
    });
    expect(h.pushedTexts('t').at(-1)).toContain('dialihkan ke petugas *sari*');
    expect(await h.handoff.service.reply('test:t', 'budi', 'halo')).toMatchObject({ ok: false });
    expect(await h.handoff.service.transfer('test:t', 'ketua', 'budi', true)).toMatchObject({
      ok: true,
      handoff: { agent: 'budi' },
    });
    expect((await h.handoff.index.get('test:t'))?.agent).toBe('budi');
  });
});

describe('triggers', () => {
  it('choosing the agent from the attempt-limit way out queues with reason attempt_limit and keeps the form', async () => {
    const h = await handoffHarness({ extraDialogs: [createFormDialog()] });
    await converse(h.engine, { user: 'al' })
      .choose('start:test-form')
      .user('Siti')
      .user('0')
      .user('999')
      .user('500')
      .choose('intent:agent')
      .expectText('nomor 1');
    const session = await h.engine.session('test:al');
    expect(session?.handoff?.reason).toBe('attempt_limit');
    expect(session?.paused?.[0]?.state).toMatchObject({ name: 'Siti' });
    expect((await h.handoff.index.get('test:al'))?.reason).toBe('attempt_limit');
  });

  it('a choice made with handoffChoice(reason) asks for a person with that reason', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 'fb' })
      .user('halo')
      .choose(handoffChoice('fallbacks'))
      .expectText('nomor 1');
    expect((await h.engine.session('test:fb'))?.handoff?.reason).toBe('fallbacks');
  });

  it('an integration can ask for a person with a note (needs_decision)', async () => {
    const h = await handoffHarness();
    await converse(h.engine, { user: 'api' }).user('halo');
    const address = { channel: 'test', conversationId: 'api', userId: 'api' };
    const handoff = await h.handoff.service.request(
      address,
      'needs_decision',
      'klaim ganda, perlu diputuskan',
    );
    expect(handoff).toMatchObject({
      state: 'queued',
      reason: 'needs_decision',
      note: 'klaim ganda, perlu diputuskan',
    });
    expect(h.pushedTexts('api').at(-1)).toContain('nomor 1');
  });
});

describe('office hours', () => {
  it('outside office hours says when agents are back and offers to keep the request', async () => {
    const h = await handoffHarness({ start: SATURDAY_10_WIB });
    const user = converse(h.engine, { user: 'sat' });
    await user
      .user('agen')
      .expectText('di luar jam layanan petugas (Senin–Jumat 08.00–17.00 WIB)')
      .expectText('Petugas kembali Senin, 08.00 WIB')
      .expectChoices(['handoff:keep', 'handoff:drop']);
    expect((await h.engine.session('test:sat'))?.handoff).toMatchObject({ state: 'bot', offer: 'off_hours' });
    expect(await h.handoff.index.list()).toEqual([]);
    await user.user('ya').expectText('kami simpan di antrean (nomor 1)').expectText('mulai Senin, 08.00 WIB');
    expect((await h.engine.session('test:sat'))?.handoff?.state).toBe('queued');

    // Kept over the weekend: no timeout before Monday 08:00 + 30 minutes.
    h.clock.advance(40 * 3600 * 1000); // Monday 02:00 WIB
    expect(await h.handoff.sweeper.sweep()).toEqual({ timedOut: 0, removed: 0 });
    h.clock.advance(6.5 * 3600 * 1000 + MINUTE); // Monday 08:31 WIB
    expect(await h.handoff.sweeper.sweep()).toEqual({ timedOut: 1, removed: 0 });
  });

  it('declining the out-of-hours offer goes back to the bot', async () => {
    const h = await handoffHarness({ start: SATURDAY_10_WIB });
    await converse(h.engine, { user: 'no' })
      .user('agen')
      .choose('handoff:drop')
      .expectText('tidak jadi')
      .expectAwaiting('menu', 'choose');
    expect((await h.engine.session('test:no'))?.handoff).toMatchObject({ state: 'bot' });
    expect((await h.engine.session('test:no'))?.handoff?.offer).toBeUndefined();
  });
});

describe('timeout', () => {
  it('a request nobody takes gets an apology and a callback offer, and the bot back', async () => {
    const h = await handoffHarness({ timeoutMinutes: 30 });
    const user = converse(h.engine, { user: 'late' });
    await user.user('agen');
    h.clock.advance(29 * MINUTE);
    expect(await h.handoff.sweeper.sweep()).toEqual({ timedOut: 0, removed: 0 });
    h.clock.advance(2 * MINUTE);
    expect(await h.handoff.sweeper.sweep()).toEqual({ timedOut: 1, removed: 0 });
    // Sweeping again (or from another instance) does not apologise twice.
    await h.handoff.sweeper.sweep();
    expect(h.pushedTexts('late')).toEqual([
      expect.stringContaining('belum ada petugas yang bisa membalas dalam 30 menit'),
    ]);
    expect((await h.engine.session('test:late'))?.handoff).toMatchObject({ state: 'bot', offer: 'callback' });
    expect(await h.handoff.index.get('test:late')).toBeUndefined();

    await user.user('ya').expectText('petugas akan menghubungi Anda').expectAwaiting('menu', 'choose');
    expect((await h.handoff.index.get('test:late'))?.state).toBe('callback');
    // The bot answers normally meanwhile.
    await user.user('menu').expectText('Halo! Saya *Tanya*');
    expect(await h.handoff.service.take('test:late', 'budi')).toMatchObject({ ok: true });
    expect(h.pushedTexts('late').at(-1)).toContain('terhubung dengan petugas *budi*');
    await user.user('terima kasih sudah menghubungi').expectSilence();
  });

  it('declining the callback leaves nothing pending', async () => {
    const h = await handoffHarness({ timeoutMinutes: 5 });
    const user = converse(h.engine, { user: 'nocb' });
    await user.user('agen');
    h.clock.advance(6 * MINUTE);
    await h.handoff.sweeper.sweep();
    await user.choose('handoff:callback_no').expectText('kapan saja dengan mengetik *agen*');
    expect(await h.handoff.index.list()).toEqual([]);
  });
});
