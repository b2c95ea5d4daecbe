/**
 * The document store on a real temp dir: type by bytes, size limit, random names, mode 0600,
 * AES-256-GCM at rest, deletion, and ids that cannot name a path.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeDocx, fakeExecutable, minimalJpeg, minimalPdf } from '../helpers/files.js';
import { sniffDocument } from '../../src/store/sniff.js';
import { DocumentReadError, DocumentRejectedError, DocumentStore } from '../../src/store/documents.js';
import { decodeDocumentKey } from '../../src/store/document-key.js';
import { loadConfig } from '../../src/config.js';

const conversation = { channel: 'whatsapp', conversationId: '6281234567890@s.whatsapp.net', userId: 'u' };
const other = { channel: 'telegram', conversationId: '42', userId: '42' };
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const tempDir = () => mkdtempSync(join(tmpdir(), 'tanya-docs-'));

describe('sniffDocument', () => {
  it('decides the type by the bytes', () => {
    expect(sniffDocument(minimalJpeg())).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(sniffDocument(png)).toEqual({ ok: true, mime: 'image/png' });
    expect(sniffDocument(minimalPdf())).toEqual({ ok: true, mime: 'application/pdf' });
    expect(sniffDocument(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), minimalPdf()]))).toMatchObject({
      ok: true,
    });
    expect(sniffDocument(fakeExecutable())).toEqual({ ok: false, reason: 'executable' });
    expect(sniffDocument(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]))).toEqual({
      ok: false,
      reason: 'executable',
    });
    expect(sniffDocument(Buffer.from('#!/bin/sh\nrm -rf /'))).toEqual({ ok: false, reason: 'executable' });
    expect(sniffDocument(fakeDocx())).toEqual({ ok: false, reason: 'archive' });
    expect(sniffDocument(Buffer.alloc(0))).toEqual({ ok: false, reason: 'empty' });
    expect(sniffDocument(Buffer.from('GIF89a'))).toEqual({ ok: false, reason: 'unsupported' });
    expect(sniffDocument(Buffer.from('%PDF'))).toEqual({ ok: false, reason: 'unsupported' });
  });
});

describe('DocumentStore', () => {
  it('stores under a random name, mode 0600, with metadata and the sniffed type', async () => {
    const dir = tempDir();
    const store = await DocumentStore.open(dir);
    const bytes = minimalPdf();
    const saved = await store.save(bytes, {
      conversation,
      type: 'ktp',
      originalName: '../../etc/KTP 3175024506900001.jpg',
      now: new Date('2026-11-21T03:00:00Z'),
    });
    expect(saved).toMatchObject({ mime: 'application/pdf', size: bytes.length });
    expect(saved.id).toMatch(/^[0-9a-f]{32}$/);
    const files = readdirSync(join(dir, 'documents')).sort();
    expect(files).toEqual([`${saved.id}.bin`, `${saved.id}.json`]);
    for (const file of files) expect(statSync(join(dir, 'documents', file)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'documents')).mode & 0o777).toBe(0o700);
    const { meta, bytes: back } = await store.read(saved.id);
    expect(back.equals(bytes)).toBe(true);
    expect(meta).toMatchObject({ type: 'ktp', encrypted: false, createdAt: '2026-11-21T03:00:00.000Z' });
    // The name keeps no folders and no NIK; the conversation is only a hash.
    expect(meta.originalName).toBe('KTP ************0001.jpg');
    const sidecar = readFileSync(join(dir, 'documents', `${saved.id}.json`), 'utf8');
    expect(sidecar).not.toContain('6281234567890');
    expect(sidecar).not.toContain('3175024506900001');
  });

  it('refuses executables, zip files, empty and oversized files with a named reason', async () => {
    const store = await DocumentStore.open(tempDir(), { maxBytes: 1_000 });
    const refusal = (bytes: Buffer) =>
      store.save(bytes, { conversation, type: 'ktp' }).then(
        () => 'accepted',
        (error: unknown) => (error instanceof DocumentRejectedError ? error.reason : String(error)),
      );
    expect(await refusal(fakeExecutable())).toBe('executable');
    expect(await refusal(fakeDocx())).toBe('archive');
    expect(await refusal(Buffer.alloc(0))).toBe('empty');
    expect(await refusal(Buffer.concat([minimalPdf(), Buffer.alloc(1_000)]))).toBe('too_large');
    expect(await refusal(minimalPdf())).toBe('accepted');
    expect(await store.list()).toHaveLength(1);
  });

  it('encrypts at rest with AES-256-GCM: the file is not the plaintext and decrypts back', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const store = await DocumentStore.open(dir, { key });
    const bytes = Buffer.concat([minimalPdf(), Buffer.from('NIK 3175024506900001 rahasia')]);
    const saved = await store.save(bytes, { conversation, type: 'ktp' });
    const onDisk = readFileSync(join(dir, 'documents', `${saved.id}.bin`));
    expect(onDisk.equals(bytes)).toBe(false);
    expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);
    expect(onDisk.includes(Buffer.from('3175024506900001'))).toBe(false);
    expect(onDisk.length).toBe(bytes.length + 5 + 12 + 16);
    expect((await store.read(saved.id)).bytes.equals(bytes)).toBe(true);
    // Two saves of the same bytes differ on disk (random IV).
    const again = await store.save(bytes, { conversation, type: 'ktp' });
    expect(readFileSync(join(dir, 'documents', `${again.id}.bin`)).equals(onDisk)).toBe(false);

    const wrongKey = await DocumentStore.open(dir, { key: randomBytes(32) });
    await expect(wrongKey.read(saved.id)).rejects.toMatchObject({ reason: 'corrupt' });
    const noKey = await DocumentStore.open(dir);
    await expect(noKey.read(saved.id)).rejects.toMatchObject({ reason: 'key_missing' });
    const tampered = Buffer.from(onDisk);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    writeFileSync(join(dir, 'documents', `${saved.id}.bin`), tampered);
    await expect(store.read(saved.id)).rejects.toBeInstanceOf(DocumentReadError);
  });

  it('deletes one document or all of a conversation', async () => {
    const store = await DocumentStore.open(tempDir());
    const a = await store.save(minimalPdf(), { conversation, type: 'ktp' });
    await store.save(minimalJpeg(), { conversation, type: 'selfie' });
    const c = await store.save(minimalJpeg(), { conversation: other, type: 'ktp' });
    expect(await store.delete(a.id)).toBe(true);
    expect(await store.delete(a.id)).toBe(false);
    await expect(store.read(a.id)).rejects.toMatchObject({ reason: 'not_found' });
    expect(await store.deleteByConversation(conversation)).toBe(1);
    expect((await store.list()).map((meta) => meta.id)).toEqual([c.id]);
  });

  it('a torn sidecar or a sidecar without its file reads as corrupt or missing, and is left out of the list', async () => {
    const dir = tempDir();
    const store = await DocumentStore.open(dir);
    const torn = await store.save(minimalPdf(), { conversation, type: 'ktp' });
    const lost = await store.save(minimalPdf(), { conversation, type: 'kk' });
    const kept = await store.save(minimalJpeg(), { conversation, type: 'selfie' });
    // A crash can cut a new file short, or leave one of the pair unwritten.
    const tornPath = join(dir, 'documents', `${torn.id}.json`);
    writeFileSync(tornPath, readFileSync(tornPath, 'utf8').slice(0, 20));
    rmSync(join(dir, 'documents', `${lost.id}.bin`));
    await expect(store.read(torn.id)).rejects.toMatchObject({ reason: 'corrupt' });
    await expect(store.read(lost.id)).rejects.toMatchObject({ reason: 'not_found' });
    expect((await store.list()).map((meta) => meta.id).sort()).toEqual([lost.id, kept.id].sort());
    expect((await store.read(kept.id)).bytes.equals(minimalJpeg())).toBe(true);
  });

  it('treats ids that are not its own as unknown, so no path can be named', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret.json'), '{"v":1}');
    const store = await DocumentStore.open(dir);
    for (const id of ['../secret', '../../etc/passwd', `${'a'.repeat(32)}/../x`, 'A'.repeat(32), '']) {
      await expect(store.read(id)).rejects.toMatchObject({ reason: 'not_found' });
      expect(await store.delete(id)).toBe(false);
      expect(await store.meta(id)).toBeUndefined();
    }
  });
});

describe('DOCUMENT_KEY', () => {
  it('accepts 32 bytes as hex or base64 and names the variable otherwise', () => {
    const key = randomBytes(32);
    expect(decodeDocumentKey(key.toString('hex'))?.equals(key)).toBe(true);
    expect(decodeDocumentKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(decodeDocumentKey(key.toString('base64url'))?.equals(key)).toBe(true);
    expect(decodeDocumentKey(randomBytes(16).toString('hex'))).toBeUndefined();
    expect(loadConfig({ DOCUMENT_KEY: key.toString('hex') }).DOCUMENT_KEY).toBe(key.toString('hex'));
    expect(() => loadConfig({ DOCUMENT_KEY: 'secret' })).toThrow(/DOCUMENT_KEY=\(hidden\): must be 32 bytes/);
    expect(() => loadConfig({ DOCUMENT_MAX_BYTES: '-1' })).toThrow(/DOCUMENT_MAX_BYTES/);
    expect(loadConfig({}).DOCUMENT_MAX_BYTES).toBe(10 * 1024 * 1024);
  });
});
