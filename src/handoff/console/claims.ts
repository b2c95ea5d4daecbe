/**
 * The back-office part of the console: claims and registrations (list with filters, a record with
 * its data masked as everywhere records leave the store, its status history and documents) and
 * claim status changes through the same {@link changeClaimStatus} as `tanya records set-status`, so
 * the member is notified through the notification outbox exactly as from the command line.
 *
 * Documents are read only through the {@link DocumentStore} (decrypted there), only when they belong
 * to the record, and served by {@link sendUpload}: the type sniffed from their bytes, `nosniff`, a
 * sandbox CSP, and `inline` only for JPEG and PNG (`attachment` for PDFs and anything else, or with
 * `?download=1`).
 */
import { z } from 'zod';
import { ClaimDocument } from '../../claims/record.js';
import {
  changeClaimStatus,
  CLAIM_STATUSES,
  CLAIM_TRANSITIONS,
  ClaimStatusError,
  isClaimStatus,
  NOTE_REQUIRED,
  type ClaimStatusProblem,
} from '../../claims/status.js';
import { HttpError, parseOr400 } from '../../http/errors.js';
import { recordView } from '../../store/record-view.js';
import { DocumentReadError } from '../../store/documents.js';
import { RecordType, type StoredRecord } from '../../store/records.js';
import { sendUpload } from './file-reply.js';
import { signedIn, type ApiRouteSpec, type ConsoleContext, type Handler, type RouteIdOf } from './api.js';

/** The back-office routes (all for signed-in agents). */
export const CLAIMS_API_ROUTES = [
  { method: 'GET', url: '/console/api/records', access: 'agent' },
  { method: 'GET', url: '/console/api/records/:id', access: 'agent' },
  { method: 'GET', url: '/console/api/records/:id/documents/:doc', access: 'agent' },
  { method: 'POST', url: '/console/api/records/:id/status', access: 'agent' },
] as const satisfies readonly ApiRouteSpec[];

type ClaimsRouteId = RouteIdOf<typeof CLAIMS_API_ROUTES>;

/** Most records a list returns (newest first). */
export const MAX_LISTED_RECORDS = 500;

const RecordParams = z.object({
  id: z
    .string()
    .trim()
    .transform((value) => value.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2,4}-\d{8}-[0-9A-Z]{6}$/, 'not a record reference')),
});
const DocumentParams = RecordParams.extend({ doc: z.string().regex(/^[0-9a-f]{32}$/, 'not a document id') });
const DocumentQuery = z.object({ download: z.enum(['0', '1']).optional() });
const ListQuery = z.object({
  type: RecordType.optional(),
  status: z
    .string()
    .regex(/^[a-z_]{2,32}$/)
    .optional(),
});
const StatusBody = z
  .object({
    status: z.enum(CLAIM_STATUSES),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

/** HTTP status of each refused status change. */
const PROBLEM_STATUS: Record<ClaimStatusProblem, number> = {
  not_found: 404,
  not_a_claim: 409,
  unknown_status: 400,
  not_allowed: 409,
  note_required: 400,
};

/** The documents a record lists (claims keep them in `data.documents`). */
function recordDocuments(record: StoredRecord): ClaimDocument[] {
  const parsed = z.array(ClaimDocument).safeParse(record.data.documents ?? []);
  return parsed.success ? parsed.data : [];
}

/** The statuses a record may move to from the console (claims only). */
function nextStatuses(record: StoredRecord): string[] {
  return record.type === 'claim' && isClaimStatus(record.status) ? [...CLAIM_TRANSITIONS[record.status]] : [];
}

/** One line of the list: nothing personal beyond the reference. */
function summary(record: StoredRecord) {
  const detail = record.type === 'claim' ? record.data.reason : record.data.mode;
  return {
    id: record.id,
    type: record.type,
    status: record.status,
    channel: record.conversation.channel,
    kind: typeof detail === 'string' ? detail : null,
    documents: recordDocuments(record).length,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** The handlers of {@link CLAIMS_API_ROUTES}. */
export function claimsHandlers({ app, audit, now }: ConsoleContext): Record<ClaimsRouteId, Handler> {
  const documents = app.services.documents;

  async function found(id: string): Promise<StoredRecord> {
    const record = await app.records.get(id);
    if (!record) throw new HttpError(404, `no record ${id}`);
    return record;
  }

  return {
    'GET /console/api/records': async (request, _reply, agent) => {
      signedIn(agent);
      const query = parseOr400(ListQuery, request.query, 'query');
      const all = await app.records.list(query.type ? { type: query.type } : {});
      const matching = all.filter((record) => !query.status || record.status === query.status).reverse();
      const seen = new Set<string>(CLAIM_STATUSES);
      for (const record of all) seen.add(record.status);
      return {
        total: matching.length,
        records: matching.slice(0, MAX_LISTED_RECORDS).map(summary),
        statuses: [...seen],
      };
    },

    'GET /console/api/records/:id': async (request, _reply, agent) => {
      const me = signedIn(agent);
      const { id } = parseOr400(RecordParams, request.params, 'record');
      const record = await found(id);
      void audit(me.agent, 'record_view', undefined, { record: record.id });
      const docs = await Promise.all(
        recordDocuments(record).map(async (doc) => {
          const meta = await documents.meta(doc.id).catch(() => undefined);
          return {
            id: doc.id,
            type: doc.type,
            mime: meta?.mime ?? doc.mime,
            size: doc.size,
            receivedAt: meta?.createdAt ?? null,
            available: meta !== undefined,
          };
        }),
      );
      const next = nextStatuses(record);
      return {
        record: recordView(record),
        documents: docs,
        transitions: next,
        noteRequired: next.filter((status) => isClaimStatus(status) && NOTE_REQUIRED.has(status)),
      };
    },

    'GET /console/api/records/:id/documents/:doc': async (request, reply, agent) => {
      const me = signedIn(agent);
      const { id, doc } = parseOr400(DocumentParams, request.params, 'document');
      const { download } = parseOr400(DocumentQuery, request.query, 'query');
      const record = await found(id);
      const listed = recordDocuments(record).find((candidate) => candidate.id === doc);
      if (!listed) throw new HttpError(404, 'no such document in this record');
      let bytes: Buffer;
      try {
        ({ bytes } = await documents.read(doc));
      } catch (error) {
        if (error instanceof DocumentReadError && error.reason === 'not_found')
          throw new HttpError(404, 'the document is no longer stored');
        app.log.error({ err: (error as Error).message, record: record.id }, 'document cannot be read');
        throw new HttpError(500, 'document cannot be read');
      }
      void audit(me.agent, 'record_document', undefined, { record: record.id, document: doc });
      const type = listed.type.replace(/[^\w-]+/g, '_').slice(0, 40);
      return sendUpload(reply, bytes, { baseName: `${record.id}-${type}`, preview: download !== '1' });
    },

    'POST /console/api/records/:id/status': async (request, _reply, agent) => {
      const me = signedIn(agent);
      const { id } = parseOr400(RecordParams, request.params, 'record');
      const body = parseOr400(StatusBody, request.body);
      const note = body.note || undefined;
      try {
        const result = await changeClaimStatus(
          { records: app.records, outbox: app.services.outbox, translator: app.translator },
          { ticket: id, status: body.status, note, by: me.agent },
          now(),
        );
        void audit(me.agent, 'record_status', undefined, {
          record: result.record.id,
          from: result.previous,
          to: result.record.status,
          noteLength: note?.length ?? 0,
          ok: true,
        });
        return {
          ok: true,
          previous: result.previous,
          status: result.record.status,
          notification: result.notification,
          transitions: nextStatuses(result.record),
        };
      } catch (error) {
        if (!(error instanceof ClaimStatusError)) throw error;
        void audit(me.agent, 'record_status', undefined, {
          record: id,
          to: body.status,
          ok: false,
          problem: error.problem,
        });
        throw new HttpError(PROBLEM_STATUS[error.problem], error.message);
      }
    },
  };
}
