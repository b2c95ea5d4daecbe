import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/content/events/model.js';
import { MemoryEventStore } from '../../src/store/events.js';

function event(id: string, over: Partial<Event> = {}): Event {
  return {
    id,
    type: 'layanan',
    title: `Layanan ${id}`,
    venue: 'Kantor Cabang',
    address: 'Jl. Contoh',
    city: 'Kota Yogyakarta',
    lat: -7.8,
    lon: 110.37,
    start: '2027-02-01T09:00:00+07:00',
    end: '2027-02-01T15:00:00+07:00',
    ...over,
  };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'tanya-events-store-'));

describe('MemoryEventStore persistence', () => {
  it('writes a JSON array, one event per line, and reloads it', async () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const store = await MemoryEventStore.open({ dataDir });
    await store.upsertMany([event('b'), event('a', { sample: true })]);
    await store.upsertMany([event('a', { title: 'Diganti' })]);

    const text = readFileSync(join(dataDir, 'events.json'), 'utf8');
    expect(text.split('\n')).toHaveLength(5); // [, a, b, ], trailing newline
    expect((JSON.parse(text) as Event[]).map((e) => e.id)).toEqual(['a', 'b']);
    expect(readdirSync(dataDir)).toEqual(['events.json']); // no temporary files left

    const reopened = await MemoryEventStore.open({ dataDir });
    expect(await reopened.all()).toEqual(await store.all());
    expect((await reopened.get('a'))?.title).toBe('Diganti');
  });

  it('keeps memory unchanged when a write fails', async () => {
    const root = tempDir();
    const dataDir = join(root, 'data');
    const store = await MemoryEventStore.open({ dataDir });
    await store.upsertMany([event('a')]);
    rmSync(dataDir, { recursive: true });
    writeFileSync(dataDir, 'not a directory');
    await expect(store.upsertMany([event('b')])).rejects.toThrow();
    expect(await store.count()).toBe(1);
    rmSync(dataDir);
    await store.upsertMany([event('c')]); // the store still works once the disk does
    expect(await (await MemoryEventStore.open({ dataDir })).count()).toBe(2);
  });

  it('serialises concurrent upserts', async () => {
    const dataDir = tempDir();
    const store = await MemoryEventStore.open({ dataDir, fileName: 'acara.json' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.upsertMany([event(`e${i}`)])));
    const reopened = await MemoryEventStore.open({ dataDir, fileName: 'acara.json' });
    expect(await reopened.count()).toBe(20);
  });

  it('refuses to open a corrupt file', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'events.json'), JSON.stringify([{ ...event('a'), lat: 200 }]));
    await expect(MemoryEventStore.open({ dataDir })).rejects.toThrow(/row 1, field lat/);
  });
});
