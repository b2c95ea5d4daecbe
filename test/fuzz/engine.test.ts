/**
 * Fuzzing the whole engine with the product's dialogs: arbitrary payloads are either rejected with
 * InvalidInboundError or answered; arbitrary conversations (menu choices, form answers, commands,
 * hostile text, locations) never end in the "something went wrong" apology, which is what a dialog
 * that throws produces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInboundError } from '../../src/engine/errors.js';
import { createTranslator } from '../../src/engine/i18n.js';
import type { Inbound } from '../../src/engine/types.js';
import { createTestEngine } from '../helpers/engine.js';
import { anyText } from './arbitraries.js';

const t = createTranslator();
const APOLOGIES = [t.translate('id')('engine:error'), t.translate('en')('engine:error')];

type Body = Omit<Inbound, 'id' | 'address'> extends infer B ? (B extends unknown ? B : never) : never;

const choice = fc.constantFrom(
  'start:faq',
  'start:events',
  'start:bpu-registration',
  'start:claim',
  'start:claim-status',
  'start:jkp-check',
  'intent:menu',
  'intent:cancel',
  'intent:back',
  'intent:help',
  'intent:agent',
  'intent:erase',
  'lang:en',
  'lang:id',
  'retry',
  'resume:continue',
  'resume:restart',
  'privacy:yes',
  'privacy:no',
  'x',
);
const words = fc.constantFrom(
  'menu',
  'batal',
  'kembali',
  'ya',
  'tidak',
  '1',
  '2',
  '9',
  'dua',
  'halo',
  'apa itu jht?',
  'vaksinasi di jaksel minggu ini',
  '3175024506900001',
  '081234567890',
  '2 juta',
  '12 maret 1990',
  'kemarin',
  'Siti Aminah',
  'resign',
  'hapus data saya',
  'english',
  'lewati',
  'constructor',
);

const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(words, anyText).map((text) => ({ kind: 'text' as const, text })) },
  { weight: 3, arbitrary: choice.map((choiceId) => ({ kind: 'choice' as const, choiceId })) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        lat: fc.double({ min: -90, max: 90, noNaN: true }),
        lon: fc.double({ min: -180, max: 180, noNaN: true }),
      })
      .map((point) => ({ kind: 'location' as const, ...point })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { kind: 'event' as const, name: 'start' },
      { kind: 'event' as const, name: 'x', payload: { a: 1 } },
      { kind: 'document' as const, file: { ref: '/nonexistent/file.pdf', mime: 'application/pdf' } },
      { kind: 'image' as const, file: { ref: '/nonexistent/x.jpg', mime: 'image/jpeg', size: 10 } },
    ),
  },
);

describe('fuzz: the engine', () => {
  it('rejects arbitrary payloads with InvalidInboundError only', async () => {
    const { engine } = createTestEngine();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.jsonValue(), fc.record({ id: fc.string(), kind: fc.string(), text: anyText })),
        async (raw) => {
          try {
            await engine.process(raw);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidInboundError);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never answers a conversation with the internal-error apology', async () => {
    const { engine } = createTestEngine({ clock: () => new Date('2026-11-23T03:00:00.000Z') });
    let conversation = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: 1, maxLength: 10 }), async (bodies) => {
        const id = `fuzz-${++conversation}`;
        const address = { channel: 'test', conversationId: id, userId: id };
        let n = 0;
        for (const item of bodies) {
          const outcome = await engine.process({ ...item, id: `${id}-${++n}`, address } as Inbound);
          const texts = outcome.replies.map((reply) => ('text' in reply ? reply.text : ''));
          for (const apology of APOLOGIES) expect(texts, JSON.stringify(bodies)).not.toContain(apology);
        }
      }),
      { numRuns: 150 },
    );
  });
});
