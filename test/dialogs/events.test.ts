/**
 * The `events` dialog as users meet it: WhatsApp- and Telegram-style shared locations, typed places
 * (aliases, typos, ambiguous names), filters and paging, run against the memory store and against
 * the Redis store on a private redis-server, with a fixed clock.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import type { Outbound } from '../../src/engine/types.js';
import type { Event } from '../../src/content/events/model.js';
import type { EventStore } from '../../src/store/events.js';
import { FakeClock } from '../helpers/clock.js';
import { converse, type Conversation } from '../helpers/converse.js';
import { createTestEngine } from '../helpers/engine.js';
import { allTestEvents, CILANDAK, eventStoreVariants, NOW, sampleEvents } from '../helpers/events.js';
import { useTestRedis } from '../helpers/redis-fixture.js';

const redis = useTestRedis();
const STORES = eventStoreVariants(redis, 'dlg');

/** An engine over a store holding `events`, at {@link NOW}. */
async function engineWith(store: EventStore, events: readonly Event[]): Promise<Engine> {
  await store.upsertMany(events);
  const clock = new FakeClock(NOW);
  return createTestEngine({ services: { events: store }, clock: clock.now }).engine;
}

const texts = (replies: Outbound[]) => replies.map((reply) => ('text' in reply ? reply.text : ''));
/** The result list of a turn (the text holding the numbered events). */
const listOf = (replies: Outbound[]) =>
  texts(replies).find((text) => /\*1\. |\*4\. |\*7\. /.test(text)) ?? '';
/** Titles of the listed events, in order. */
const titlesOf = (replies: Outbound[]) =>
  [...listOf(replies).matchAll(/^\*\d+\. (.+)\*$/gm)].map((m) => m[1]);

describe.each(STORES)('events dialog ($name)', ({ create }) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await engineWith(create(), await allTestEvents());
  });

  it('asks for a location from the menu, saying how on WhatsApp and that a typed place works', async () => {
    await converse(engine)
      .user('halo')
      .choose('start:events')
      .expectAwaiting('events', 'location')
      .check((replies) => {
        const request = replies.find((reply) => reply.kind === 'request_location');
        expect(request?.awaiting).toEqual({ dialog: 'events', step: 'location' });
        expect(request && 'text' in request ? request.text : '').toMatch(/📎.*Lokasi.*Kirim lokasi/s);
        expect(request && 'text' in request ? request.text : '').toMatch(/kota, kabupaten, atau kecamatan/);
      });
  });

  it('answers a WhatsApp location (with a name) with the nearest upcoming events, never past ones', async () => {
    await converse(engine, { channel: 'whatsapp' })
      .choose('start:events')
      .send({
        kind: 'location',
        ...CILANDAK,
        name: 'Warung Bu Sari',
        addressLine: 'Jl. Cilandak KKO',
      })
      .expectAwaiting('events', 'results')
      .expectText('Ini acara BPJAMSOSTEK terdekat dari *Warung Bu Sari*:')
      .expectText('*1. Vaksinasi uji berlangsung*\n📅 Rab, 13 Jan 2027, 08.00–15.00 WIB (sedang berlangsung)')
      .expectText('📍 Balai Warga Cilandak (0,1 km)')
      .expectText('https://www.google.com/maps/search/?api=1&query=-6.2905,106.799')
      .expectNoText('sudah selesai')
      .check((replies) => {
        expect(titlesOf(replies)).toEqual([
          'Vaksinasi uji berlangsung',
          'Sosialisasi uji hari Sabtu',
          'Layanan uji minggu depan',
        ]);
        expect(replies.find((reply) => reply.kind === 'venue')).toMatchObject({
          kind: 'venue',
          lat: -6.2905,
          lon: 106.799,
          title: 'Vaksinasi uji berlangsung',
        });
      })
      .expectChoices([
        'more',
        'type:vaksinasi',
        'type:sosialisasi',
        'type:layanan',
        'when:today',
        'when:week',
        'place',
      ]);
  });

  it('takes a Telegram location (no name) with no dialog running and names the area it is in', async () => {
    await converse(engine, { channel: 'telegram' })
      .send({ kind: 'location', ...CILANDAK })
      .expectAwaiting('events', 'results')
      .expectText('terdekat dari *lokasi Anda (sekitar Cilandak, Kota Jakarta Selatan)*')
      .check((replies) => expect(titlesOf(replies)[0]).toBe('Vaksinasi uji berlangsung'));
  });

  it('keeps quiet on small live-location moves, answers a real move, and still takes typed numbers', async () => {
    await converse(engine, { channel: 'telegram' })
      .send({ kind: 'location', ...CILANDAK, live: true })
      .expectAwaiting('events', 'results')
      .send({ kind: 'location', lat: CILANDAK.lat + 0.002, lon: CILANDAK.lon, live: true })
      .expectSilence()
      .user('1')
      .expectText('Berikutnya (4–6):')
      .send({ kind: 'location', lat: -6.9175, lon: 107.62444, live: true })
      .expectText('Bandung')
      .expectText('📍 Kawasan Gedung Sate');
  });

  it('reads place, kind and "minggu ini" from a forwarded question', async () => {
    await converse(engine)
      .user('vaksinasi di jaksel minggu ini')
      .expectAwaiting('events', 'results')
      .expectText('Ini acara vaksinasi minggu ini terdekat dari *Kota Jakarta Selatan*:')
      .check((replies) => expect(titlesOf(replies)).toEqual(['Vaksinasi uji berlangsung']))
      .expectChoices(['type:all', 'when:all']);
  });

  it('asks for the location of "ada vaksin deket rumah?" and keeps the kind filter', async () => {
    await converse(engine)
      .user('halo')
      .user('ada vaksin deket rumah?')
      .expectAwaiting('events', 'location')
      .expectText('Saya carikan acara vaksinasi terdekat')
      .send({ kind: 'location', ...CILANDAK })
      .check((replies) => {
        const titles = titlesOf(replies);
        expect(titles.slice(0, 2)).toEqual([
          'Vaksinasi uji berlangsung',
          '[Contoh] Vaksinasi influenza pekerja',
        ]);
        expect(titles.every((title) => /vaksin/i.test(title ?? ''))).toBe(true);
      })
      .expectText('_Acara bertanda [Contoh] hanya contoh, bukan jadwal resmi.');
  });

  it('understands the aliases "jaksel" and "tangsel"', async () => {
    await converse(engine)
      .choose('start:events')
      .user('jaksel')
      .expectText('terdekat dari *Kota Jakarta Selatan*')
      .choose('place')
      .expectAwaiting('events', 'location')
      .user('deket tangsel dong')
      .expectText('terdekat dari *Kota Tangerang Selatan*')
      .check((replies) =>
        expect(titlesOf(replies)[0]).toBe('[Contoh] Sosialisasi SERTAKAN untuk pelaku UMKM'),
      )
      .expectText('(6,7 km)');
  });

  it('forgives a typo and leaves the 2021 Pontianak vaccination out', async () => {
    await converse(engine)
      .choose('start:events')
      .user('pontianka')
      .expectText('terdekat dari *Kota Pontianak*')
      .expectText('(6,8 km)')
      .expectNoText('Vaksinasi Bersama BPJAMSOSTEK Pontianak');
  });

  it('asks which Tangerang, and takes the answer by number', async () => {
    await converse(engine)
      .choose('start:events')
      .user('Tangerang')
      .expectAwaiting('events', 'place_choice')
      .expectChoices(['place:0', 'place:1', 'place:2'], true)
      .check((replies) => {
        const labels = replies.flatMap((reply) =>
          reply.kind === 'choices' ? reply.choices.map((c) => c.label) : [],
        );
        expect(labels).toEqual([
          'Kota Tangerang, Banten',
          'Kabupaten Tangerang, Banten',
          'Kota Tangerang Selatan, Banten',
        ]);
      })
      .user('mana aja')
      .expectAwaiting('events', 'place_choice')
      .user('2')
      .expectAwaiting('events', 'results')
      .expectText('terdekat dari *Kabupaten Tangerang*');
  });

  it('pages with "lihat lebih banyak" and says when there is nothing more', async () => {
    await converse(engine)
      .send({ kind: 'location', ...CILANDAK })
      .choose('type:layanan')
      .expectText('Ini acara layanan keliling terdekat')
      .user('lihat lebih banyak')
      .expectText('Berikutnya (4–6):')
      .expectText('*4. ')
      .check((replies) => expect(replies.some((reply) => reply.kind === 'venue')).toBe(false))
      .choose('more')
      .expectText('Berikutnya (7–8):')
      .check((replies) => {
        const offered = replies.flatMap((reply) =>
          reply.kind === 'choices' ? reply.choices.map((c) => c.id) : [],
        );
        expect(offered).not.toContain('more');
      })
      .user('lagi dong')
      .expectText('Itu sudah semua acara layanan keliling yang saya temukan.')
      .expectAwaiting('events', 'results');
  });

  it('filters by kind and by "hari ini" / "minggu ini", and lifts the filters again', async () => {
    await converse(engine)
      .send({ kind: 'location', ...CILANDAK })
      .choose('type:sosialisasi')
      .check((replies) =>
        expect(titlesOf(replies)).toEqual([
          'Sosialisasi uji hari Sabtu',
          '[Contoh] Sosialisasi BPU untuk pedagang',
          '[Contoh] Sosialisasi SERTAKAN untuk pelaku UMKM',
        ]),
      )
      .user('minggu ini')
      .expectText('acara sosialisasi minggu ini')
      .check((replies) =>
        expect(titlesOf(replies)).toEqual([
          'Sosialisasi uji hari Sabtu',
          '[Contoh] Sosialisasi BPU untuk pedagang',
        ]),
      )
      .choose('type:all')
      .choose('when:all')
      .choose('when:today')
      .expectText('acara BPJAMSOSTEK hari ini')
      .check((replies) => expect(titlesOf(replies)).toEqual(['Vaksinasi uji berlangsung']));
  });

  it('says when nothing is within 50 km and still shows the nearest', async () => {
    await converse(engine)
      .send({ kind: 'location', lat: 5.55, lon: 95.32 })
      .expectText(
        'Belum ada acara BPJAMSOSTEK dalam radius 50 km dari *lokasi Anda (sekitar Baiturrahman, Kota Banda Aceh)*. Ini yang terdekat:',
      )
      .expectText('*1. [Contoh] Sosialisasi')
      .expectText('(431,3 km)');
  });

  it('takes an events question mid-results, and leaves a general question about events to the FAQ', async () => {
    await converse(engine)
      .send({ kind: 'location', ...CILANDAK })
      .user('ada vaksin di bandung?')
      .expectAwaiting('events', 'place_choice')
      .user('Kota Bandung')
      .expectText('Belum ada acara vaksinasi dalam radius 50 km dari *Kota Bandung*. Ini yang terdekat:')
      .expectAwaiting('events', 'results');
    await converse(engine)
      .user('Apakah BPJS Ketenagakerjaan mengadakan vaksinasi?')
      .expectText('BPJAMSOSTEK rutin mengadakan kegiatan')
      .check((replies) => expect(replies.some((reply) => reply.awaiting?.dialog === 'events')).toBe(false));
  });

  it('shows an event in its own zone: WITA in Makassar', async () => {
    await converse(engine)
      .choose('start:events')
      .user('vaksinasi di makassar')
      .expectText('Sab, 27 Feb 2027, 08.00–13.00 WITA');
  });

  it('reprompts an unknown place, loses no filter, and still takes a place afterwards', async () => {
    await converse(engine)
      .choose('start:events')
      .user('sosialisasi di xyzqwv')
      .expectText('belum menemukan tempat bernama "xyzqwv"')
      .expectAwaiting('events', 'location')
      .send({ kind: 'image', file: { ref: 'x' } })
      .expectText('Maaf, saya perlu lokasi Anda.')
      .user('jaksel')
      .expectText('Ini acara sosialisasi terdekat dari *Kota Jakarta Selatan*');
  });

  it('speaks English with English dates and decimals', async () => {
    await converse(engine, { localeHint: 'en-US' })
      .send({ kind: 'location', ...CILANDAK })
      .expectText(
        'Here are the nearest BPJAMSOSTEK events to *your location (around Cilandak, Kota Jakarta Selatan)*:',
      )
      .expectText('Wed, 13 Jan 2027, 08:00–15:00 WIB (happening now)')
      .expectText('(0.1 km)');
  });
});

describe('events dialog with no upcoming events', () => {
  it.each(STORES)('says so and offers questions, an agent or the menu ($name)', async ({ create }) => {
    const past = (await sampleEvents()).filter((event) => !event.sample);
    const engine = await engineWith(create(), past);
    await converse(engine)
      .choose('start:events')
      .user('jaksel')
      .expectText('belum ada jadwal acara BPJAMSOSTEK yang akan datang')
      .expectChoices(['start:faq', 'intent:agent', 'intent:menu'], true)
      .expectAwaiting(null);
  });
});

describe('events dialog: memory and Redis stores', () => {
  it('give the same replies to the same conversation', async () => {
    const events = await allTestEvents();
    const inputs: ((c: Conversation) => Conversation)[] = [
      (c) => c.send({ kind: 'location', ...CILANDAK }),
      (c) => c.choose('more'),
      (c) => c.user('vaksinasi'),
      (c) => c.user('Tangerang'),
      (c) => c.user('3'),
      (c) => c.choose('when:week'),
      (c) => c.user('sosialisasi di medan'),
    ];
    const script = async (engine: Engine) => {
      const conversation = converse(engine, { user: 'same-user' });
      const turns: Outbound[][] = [];
      for (const input of inputs) {
        await input(conversation);
        turns.push(conversation.replies);
      }
      return turns;
    };
    const [memory, redisStore] = STORES.map((store) => store.create()) as [EventStore, EventStore];
    const fromMemory = await script(await engineWith(memory, events));
    const fromRedis = await script(await engineWith(redisStore, events));
    expect(fromMemory.length).toBe(7);
    expect(fromRedis).toEqual(fromMemory);
  });
});
