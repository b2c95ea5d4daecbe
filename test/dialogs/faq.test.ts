/**
 * FAQ transcripts through the real engine, content and search.
 */
import { describe, expect, it } from 'vitest';
import { createFaqService } from '../../src/content/faq/service.js';
import { sharedNluContent } from '../../src/nlu/index.js';
import { converse } from '../helpers/converse.js';
import { createTestEngine } from '../helpers/engine.js';
import { createFormDialog } from '../helpers/fixture-dialogs.js';
import { handoffHarness } from '../handoff/harness.js';

describe('FAQ dialog', () => {
  it('answers a confident question with its source, related topics and the menu', async () => {
    const { engine } = createTestEngine();
    await converse(engine)
      .user('apakah pencairan jht dipotong pajak?')
      .expectText(/pajak/i)
      .expectText(/Sumber: .*\(ditinjau 2026-11-21\)/)
      .expectChoices(['intent:menu'])
      .expectAwaiting('faq', 'question');
  });

  it("offers the answer's action as a choice that starts the right dialog", async () => {
    const { engine } = createTestEngine();
    await converse(engine)
      .user('cara daftar bpjs tk buat pekerja mandiri gimana ya')
      .expectChoices(['start:bpu-registration'])
      .choose('start:bpu-registration')
      .expectAwaiting('bpu-registration', 'mode');
    await converse(engine)
      .user('gimana ngajuin pencairan jht lewat online')
      .expectChoices(['start:claim'])
      .user('1')
      .expectAwaiting('claim', 'reason');
  });

  it('answers an English question in English in an Indonesian session', async () => {
    const { engine } = createTestEngine();
    await converse(engine)
      .user('halo')
      .user('is my JHT payout taxed?')
      .expectText(/Source: /)
      .expectText(/tax/i)
      .expectNoText(/Sumber:/);
  });

  it('opens a related topic from its choice', async () => {
    const { engine } = createTestEngine();
    await converse(engine)
      .user('apakah pencairan jht dipotong pajak?')
      .check((replies) => {
        const related = replies
          .flatMap((r) => (r.kind === 'choices' ? r.choices : []))
          .find((c) => c.id.startsWith('topic:'));
        expect(related, 'the answer offers a related topic').toBeDefined();
      })
      .choose('topic:jht-cek-saldo')
      .expectText(/saldo/i);
  });

  it('asks back with close candidates as choices, and "none of these" falls back', async () => {
    const { engine } = createTestEngine();
    // "A or B?" about two topics of one programme: the first such question the FAQ asks back about.
    const faq = createFaqService();
    const topics = sharedNluContent().topics;
    const word = topics
      .flatMap((a) =>
        topics
          .filter((b) => a.id < b.id && a.category === b.category)
          .map((b) => `${a.title.id} atau ${b.title.id}?`),
      )
      .find((question) => faq.ask(question).decision === 'clarify');
    expect(word).toBeDefined();
    const conversation = converse(engine).user(word ?? '');
    await conversation.check((replies) => {
      const choices = replies.flatMap((r) => (r.kind === 'choices' ? r.choices.map((c) => c.id) : []));
      expect(choices.filter((id) => id.startsWith('topic:')).length).toBeGreaterThanOrEqual(2);
      expect(choices).toContain('faq:none');
    });
    await conversation
      .choose('faq:none')
      .expectText('belum mengerti')
      .expectChoices(['intent:menu', 'handoff:request:fallbacks']);
  });

  it('never queues for an agent on its own: two misunderstandings in a row offer the agent, the user chooses', async () => {
    const { engine } = await handoffHarness();
    await converse(engine, { user: 'fb' })
      .user('resep nasi goreng yang enak apa ya')
      .expectText('belum mengerti')
      .expectText('Coba tulis dengan kata lain')
      .expectChoices(['intent:menu', 'handoff:request:fallbacks'])
      .user('jadwal kereta ke bandung besok')
      .expectText('masih belum mengerti')
      .expectNoText('sambungkan')
      .expectChoices(['intent:menu', 'handoff:request:fallbacks']);
    expect((await engine.session('test:fb'))?.handoff?.state ?? 'none').not.toBe('queued');
    await converse(engine, { user: 'fb' }).choose('handoff:request:fallbacks');
    expect((await engine.session('test:fb'))?.handoff).toMatchObject({
      state: 'queued',
      reason: 'fallbacks',
    });
  });

  it('a good answer resets the misunderstanding: the next fallback is the first again', async () => {
    const { engine } = createTestEngine();
    await converse(engine, { user: 'fb2' })
      .user('resep nasi goreng yang enak apa ya')
      .user('apakah pencairan jht dipotong pajak?')
      .expectText(/pajak/i)
      .user('jadwal kereta ke bandung besok')
      .expectText('belum mengerti')
      .expectNoText('masih belum');
  });

  it('sends health-insurance questions to the BPJS Kesehatan topic', async () => {
    const { engine } = createTestEngine();
    await converse(engine).user('kartu kis saya ga bisa dipake berobat di puskesmas').expectText(/165/);
  });

  it('answers a question asked in the middle of a form, then asks the form question again', async () => {
    const { engine } = createTestEngine({ extraDialogs: [createFormDialog()] });
    await converse(engine)
      .choose('start:test-form')
      .user('Siti')
      .expectText('Berapa umur')
      .user('jht bisa dicairkan di cabang mana saja?')
      .expectText(/cabang/i)
      .expectText('Kita lanjutkan')
      .expectText('Berapa umur')
      .expectAwaiting('test-form', 'age')
      .user('30')
      .user('1')
      .expectText('Selesai: Siti, 30, red');
  });
});
