/**
 * The back office of the console over HTTP (fastify inject, the real app in memory): claims and
 * registrations listed and filtered, a record's data masked, its documents only for signed-in
 * agents (sniffed type, nosniff, inline or attachment), and claim status changes: CSRF-protected,
 * audited, refused outside the status model, and told to the member through the notification outbox
 * exactly as `tanya records set-status` does.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { statusNotice } from '../../src/claims/status.js';
import { loadConfig } from '../../src/config.js';
import { CLAIMS_API_ROUTES } from '../../src/handoff/console/claims.js';
import { DASHBOARD_API_ROUTES } from '../../src/handoff/console/dashboard.js';
import { CONSOLE_API_ROUTES } from '../../src/handoff/console/routes.js';
import { registerConsoleAndWebChat } from '../../src/http/console-and-web.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log/logger.js';
import { deliverPending } from '../../src/notify/notifier.js';
import type { Address } from '../../src/engine/types.js';
import type { StoredRecord } from '../../src/store/records.js';
import { NIK_MAKASSAR, sampleClaim } from '../helpers/claims.js';
import { RecordingChannel } from '../helpers/recording-channel.js';
import { anonymous, PASSWORD, signIn, type ConsoleSignIn } from './console-client.js';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);
const PDF = Buffer.from('%PDF-1.4 surat keterangan kerja');
const REGISTRATION_NIK = '3171014101900001';
const REGISTRATION_PHONE = '+6281234567890';

let app: App;
let server: FastifyInstance;
let dataDir: string;
let member: RecordingChannel;
let claim: StoredRecord;
let registration: StoredRecord;
let ktp: string;
let paklaring: string;
let budi: ConsoleSignIn;

const address = (id: string): Address => ({ channel: 'rec', conversationId: id, userId: id });
const url = (path: string) => `/console/api/records/${path}`;
const fill = (route: string) =>
  route.replace(':id', claim.id).replace(':doc', ktp).replace(':key', 'web:x').replace(':index', '0');

function auditLines(): Array<{ agent: string; action: string; detail?: Record<string, unknown> }> {
  return readFileSync(join(dataDir, 'audit.log'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

async function post(path: string, payload: object, as: ConsoleSignIn = budi) {
  return server.inject({
    method: 'POST',
    url: url(path),
    headers: { cookie: as.cookie, 'x-csrf-token': as.token },
    payload,
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tanya-claims-console-'));
  app = await createApp(
    loadConfig({ DATA_DIR: dataDir, OFFICE_HOURS: 'always', NOTIFY_INTERVAL_MS: '60000' }),
    createLogger('silent'),
  );
  member = new RecordingChannel('rec');
  app.channels.register(member);
  await app.handoff.agents.add('budi', 'agent', PASSWORD);
  const documents = app.services.documents;
  const conversation = address('anggota-1');
  const savedKtp = await documents.save(PNG, { conversation, type: 'ktp', originalName: 'ktp.png' });
  const savedPaklaring = await documents.save(PDF, { conversation, type: 'paklaring' });
  ktp = savedKtp.id;
  paklaring = savedPaklaring.id;
  const created = await app.records.create(
    sampleClaim(conversation, {
      documents: [
        // The upload claimed a PDF; the bytes are a PNG, and the bytes decide.
        { type: 'ktp', ...savedKtp, mime: 'application/pdf' },
        { type: 'paklaring', ...savedPaklaring },
      ],
    }),
    new Date('2026-11-21T03:00:00Z'),
  );
  claim = created.record;
  registration = (
    await app.records.create(
      {
        type: 'registration',
        prefix: 'BPU',
        status: 'registered',
        conversation: address('anggota-2'),
        idempotencyKey: 'reg-1',
        data: {
          mode: 'self',
          nik: REGISTRATION_NIK,
          name: 'Siti Aminah',
          phone: REGISTRATION_PHONE,
          locale: 'id',
        },
      },
      new Date('2026-11-21T04:00:00Z'),
    )
  ).record;
  server = await createHttpServer(app);
  await registerConsoleAndWebChat(server, app, { sweepMs: 0 });
  await server.ready();
  budi = await signIn(server, 'budi');
});

afterAll(async () => {
  await server.close();
  await app.close();
});

describe('back-office routes: access', () => {
  it('are declared with the console routes, so the route-by-route checks of console-http cover them', () => {
    const declared = CONSOLE_API_ROUTES.map((route) => `${route.method} ${route.url}`);
    for (const route of [...CLAIMS_API_ROUTES, ...DASHBOARD_API_ROUTES])
      expect(declared).toContain(`${route.method} ${route.url}`);
  });

  for (const route of [...CLAIMS_API_ROUTES, ...DASHBOARD_API_ROUTES]) {
    it(`${route.method} ${route.url} answers 401 without a signed-in agent`, async () => {
      expect((await server.inject({ method: route.method, url: fill(route.url) })).statusCode).toBe(401);
      const csrfOnly = await anonymous(server);
      const response = await server.inject({
        method: route.method,
        url: fill(route.url),
        headers: { cookie: csrfOnly.cookie, 'x-csrf-token': csrfOnly.token },
        ...(route.method === 'POST' ? { payload: { status: 'verifying' } } : {}),
      });
      expect(response.statusCode).toBe(401);
    });
  }

  it('refuses a status change without the CSRF token (403) and changes nothing', async () => {
    for (const headers of [{ cookie: budi.cookie }, { cookie: budi.cookie, 'x-csrf-token': 'nope' }]) {
      const response = await server.inject({
        method: 'POST',
        url: url(`${claim.id}/status`),
        headers,
        payload: { status: 'verifying' },
      });
      expect(response.statusCode).toBe(403);
    }
    expect((await app.records.get(claim.id))?.status).toBe('submitted');
    expect(await app.services.outbox.pending()).toEqual([]);
  });
});

describe('claims and registrations', () => {
  it('lists records newest first, filtered by type and status, without personal data', async () => {
    const list = async (query: string) =>
      (await server.inject({ url: `/console/api/records${query}`, headers: { cookie: budi.cookie } })).json();
    const all = await list('');
    expect(all.records.map((record: { id: string }) => record.id)).toEqual([registration.id, claim.id]);
    expect(all.records[1]).toMatchObject({
      type: 'claim',
      status: 'submitted',
      channel: 'rec',
      kind: 'resign',
      documents: 2,
    });
    expect(all.statuses).toEqual(expect.arrayContaining(['submitted', 'needs_documents', 'registered']));
    expect(JSON.stringify(all)).not.toMatch(/\d{16}|Andi|Siti/);
    expect((await list('?type=claim')).records.map((r: { id: string }) => r.id)).toEqual([claim.id]);
    expect((await list('?type=registration&status=registered')).total).toBe(1);
    expect((await list('?status=paid')).records).toEqual([]);
    const bad = await server.inject({
      url: '/console/api/records?type=other',
      headers: { cookie: budi.cookie },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('shows a claim with NIK, KPJ and account masked to their last 4 digits, its documents and transitions', async () => {
    const response = await server.inject({
      url: url(claim.id.toLowerCase()),
      headers: { cookie: budi.cookie },
    });
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.record.data).toMatchObject({
      nik: `************${NIK_MAKASSAR.slice(-4)}`,
      kpj: '*******8901',
      bank: { bank: 'BRI', account: '******6789', holder: 'Andi Saputra' },
    });
    expect(response.body).not.toContain(NIK_MAKASSAR);
    expect(response.body).not.toContain('0123456789');
    expect(response.body).not.toContain('12345678901');
    expect(detail.record.history).toEqual([{ status: 'submitted', at: '2026-11-21T03:00:00.000Z' }]);
    expect(detail.documents).toEqual([
      expect.objectContaining({ id: ktp, type: 'ktp', mime: 'image/png', available: true }),
      expect.objectContaining({ id: paklaring, type: 'paklaring', mime: 'application/pdf', available: true }),
    ]);
    expect(detail.transitions).toEqual(['verifying', 'rejected', 'needs_documents']);
    expect(detail.noteRequired).toEqual(['rejected', 'needs_documents']);
    expect(JSON.stringify(detail)).not.toContain(dataDir);
  });

  it('shows a registration with its NIK and phone masked and no status change', async () => {
    const response = await server.inject({ url: url(registration.id), headers: { cookie: budi.cookie } });
    const detail = response.json();
    expect(detail.record.data.nik).toBe('************0001');
    expect(detail.record.data.phone).toBe('+62812****7890');
    expect(response.body).not.toContain(REGISTRATION_NIK);
    expect(response.body).not.toContain(REGISTRATION_PHONE);
    expect(detail.transitions).toEqual([]);
    expect(detail.documents).toEqual([]);
    expect((await post(`${registration.id}/status`, { status: 'verifying' })).statusCode).toBe(409);
    expect(
      (await server.inject({ url: url('LA-20261121-ZZZZZZ'), headers: { cookie: budi.cookie } })).statusCode,
    ).toBe(404);
    expect(
      (await server.inject({ url: url('not%20a%20ticket'), headers: { cookie: budi.cookie } })).statusCode,
    ).toBe(400);
  });

  it('serves documents to signed-in agents only: sniffed type, nosniff, images inline, PDFs as attachments', async () => {
    const ktpUrl = url(`${claim.id}/documents/${ktp}`);
    expect((await server.inject(ktpUrl)).statusCode).toBe(401);
    const image = await server.inject({ url: ktpUrl, headers: { cookie: budi.cookie } });
    expect(image.statusCode).toBe(200);
    expect(image.rawPayload.equals(PNG)).toBe(true);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['content-disposition']).toBe(`inline; filename="${claim.id}-ktp.png"`);
    expect(image.headers['content-security-policy']).toBe('sandbox');
    expect(image.headers['cache-control']).toBe('no-store');

    const download = await server.inject({ url: `${ktpUrl}?download=1`, headers: { cookie: budi.cookie } });
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${claim.id}-ktp.png"`);
    const pdf = await server.inject({
      url: url(`${claim.id}/documents/${paklaring}`),
      headers: { cookie: budi.cookie },
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['x-content-type-options']).toBe('nosniff');
    // A PDF is never shown in the console's origin: its viewer would run the PDF's JavaScript there.
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${claim.id}-paklaring.pdf"`);
    expect(pdf.rawPayload.equals(PDF)).toBe(true);

    // A document of another record, or no document id at all: not served.
    const other = await server.inject({
      url: url(`${registration.id}/documents/${ktp}`),
      headers: { cookie: budi.cookie },
    });
    expect(other.statusCode).toBe(404);
    const malformed = await server.inject({
      url: url(`${claim.id}/documents/..%2F..%2Fagents.json`),
      headers: { cookie: budi.cookie },
    });
    expect(malformed.statusCode).toBe(400);
    expect(auditLines()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          agent: 'budi',
          action: 'record_document',
          detail: { record: claim.id, document: ktp },
        }),
        expect.objectContaining({ agent: 'budi', action: 'record_view', detail: { record: claim.id } }),
      ]),
    );
  });
});

describe('claim status changes', () => {
  it('refuses transitions outside the model and a rejection or request for documents without a note', async () => {
    const paid = await post(`${claim.id}/status`, { status: 'paid' });
    expect(paid.statusCode).toBe(409);
    expect(paid.json().error).toContain('cannot go from submitted to paid');
    expect((await post(`${claim.id}/status`, { status: 'rejected' })).statusCode).toBe(400);
    expect((await post(`${claim.id}/status`, { status: 'needs_documents', note: '   ' })).statusCode).toBe(
      400,
    );
    expect((await post(`${claim.id}/status`, { status: 'lost' })).statusCode).toBe(400);
    expect((await post(`${claim.id}/status`, { status: 'verifying', extra: 1 })).statusCode).toBe(400);
    expect((await app.records.get(claim.id))?.status).toBe('submitted');
    expect(await app.services.outbox.pending()).toEqual([]);
  });

  it('moves the claim on, notifies the member through the outbox as set-status does, and audits it', async () => {
    const verifying = await post(`${claim.id}/status`, { status: 'verifying' });
    expect(verifying.statusCode, verifying.body).toBe(200);
    expect(verifying.json()).toMatchObject({
      ok: true,
      previous: 'submitted',
      status: 'verifying',
      transitions: ['scheduled', 'rejected', 'needs_documents'],
    });
    const note = 'Foto KTP buram, mohon kirim ulang yang jelas.';
    const needs = await post(`${claim.id}/status`, { status: 'needs_documents', note });
    expect(needs.statusCode, needs.body).toBe(200);

    const stored = await app.records.get(claim.id);
    expect(stored?.history.slice(1)).toEqual([
      expect.objectContaining({ status: 'verifying', by: 'budi' }),
      expect.objectContaining({ status: 'needs_documents', note, by: 'budi' }),
    ]);
    const pending = await app.services.outbox.pending();
    expect(pending.map((notification) => notification.topic)).toEqual([
      `claim:${claim.id}:verifying`,
      `claim:${claim.id}:needs_documents`,
    ]);
    expect(pending[0]?.id).toBe(verifying.json().notification);

    expect(await deliverPending(app)).toEqual({ delivered: 2, failed: 0 });
    expect(member.sent.map((delivery) => delivery.address)).toEqual([claim.conversation, claim.conversation]);
    // The very notice the command line queues (same function, same words).
    expect(member.sent[1]?.outbounds).toEqual(statusNotice(app.translator, stored as StoredRecord));
    expect(member.text(0)).toContain(claim.id);
    expect(member.text(1)).toContain(note);

    const audited = auditLines().filter((event) => event.action === 'record_status');
    expect(audited).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          agent: 'budi',
          detail: { record: claim.id, from: 'submitted', to: 'verifying', noteLength: 0, ok: true },
        }),
        expect.objectContaining({
          agent: 'budi',
          detail: expect.objectContaining({
            record: claim.id,
            to: 'paid',
            ok: false,
            problem: 'not_allowed',
          }),
        }),
        expect.objectContaining({
          detail: expect.objectContaining({
            from: 'verifying',
            to: 'needs_documents',
            noteLength: note.length,
          }),
        }),
      ]),
    );
    // The note goes to the member and the record; the audit log keeps only its length.
    expect(readFileSync(join(dataDir, 'audit.log'), 'utf8')).not.toContain('KTP buram');
  });
});
