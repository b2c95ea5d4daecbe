/**
 * One question per required document (`doc_<type>`): a `request_file` prompt, then the upload is
 * fetched from the channel, checked by its bytes (JPEG, PNG, PDF; the selfie a photo), stored in
 * the document store and acknowledged. Every refusal says exactly why and asks for the same
 * document again; "ganti" replaces the last upload; the NPWP may be skipped ("lewati").
 */
import { FileFetchError } from '../../channels/channel.js';
import { say, step, type Step, type StepResult, type TurnContext } from '../../engine/dialog.js';
import type { Inbound, Outbound } from '../../engine/types.js';
import {
  DOCUMENT_TYPES,
  FORMAT_MIME_TYPES,
  isAcceptedDocumentMime,
  type DocumentType,
  type RequiredDocument,
} from '../../rules/claim.js';
import { isClaimWord, isReplace, isSkip } from './answers.js';
import { formatName, formatSize } from './format.js';
import { advance } from './identity.js';
import { docStep, documentsFor, isOptional, type ClaimState } from './state.js';

/** The label of a document type in the user's language. */
export function docLabel(ctx: TurnContext, type: string): string {
  return ctx.t(`claim:doc.${type}`);
}

/** MIME types a document type accepts (for `request_file`). */
export function acceptedMimes(type: DocumentType): string[] {
  return DOCUMENT_TYPES[type].formats.flatMap((format) => [...FORMAT_MIME_TYPES[format]]);
}

/** Goes back to the last uploaded document so the next upload replaces it. */
export function replaceLast(ctx: TurnContext, state: ClaimState): StepResult<ClaimState> {
  const last = state.lastDocument;
  if (!last || !state.documents.some((doc) => doc.type === last)) {
    return step.retry(ctx.t('claim:nothing_to_replace'));
  }
  return step.next(docStep(last), { ...state, stage: null }, [
    say.text(ctx.t('claim:replace_ready', { doc: docLabel(ctx, last) })),
  ]);
}

function prompt(ctx: TurnContext, state: ClaimState, required: RequiredDocument): Outbound[] {
  const all = documentsFor(state);
  const index = all.findIndex((doc) => doc.type === required.type);
  const max = formatSize(ctx.services.documents.maxBytes, ctx.locale);
  const photoOnly = !DOCUMENT_TYPES[required.type].formats.includes('pdf');
  const lines = [
    ctx.t(photoOnly ? 'claim:ask_photo' : 'claim:ask_document', {
      doc: docLabel(ctx, required.type),
      n: index + 1,
      total: all.length,
      max,
    }),
    ...(required.notes ?? []).map((note) => ctx.t(`claim:doc_note.${note}`)),
  ];
  if (isOptional(required)) lines.push(ctx.t('claim:doc_optional'));
  return [{ kind: 'request_file', text: lines.join('\n'), accept: acceptedMimes(required.type) }];
}

/** The localized refusal of an upload, by reason. */
function refusal(ctx: TurnContext, reason: string, type: DocumentType): string {
  const max = formatSize(ctx.services.documents.maxBytes, ctx.locale);
  return ctx.t(`claim:upload_${reason}`, { doc: docLabel(ctx, type), max });
}

async function receiveFile(
  ctx: TurnContext,
  state: ClaimState,
  input: Extract<Inbound, { kind: 'document' | 'image' }>,
  type: DocumentType,
): Promise<StepResult<ClaimState>> {
  const store = ctx.services.documents;
  if (input.file.size !== undefined && input.file.size > store.maxBytes) {
    return step.retry(refusal(ctx, 'too_large', type));
  }
  let bytes: Buffer;
  try {
    bytes = await ctx.services.files.fetch(ctx.address.channel, input.file, store.maxBytes);
  } catch (error) {
    if (error instanceof FileFetchError) {
      return step.retry(refusal(ctx, error.reason === 'too_large' ? 'too_large' : 'unavailable', type));
    }
    throw error;
  }
  const checked = store.inspect(bytes);
  if (!checked.ok) return step.retry(refusal(ctx, checked.reason, type));
  if (!isAcceptedDocumentMime(type, checked.mime)) return step.retry(refusal(ctx, 'photo_only', type));
  const saved = await store.save(bytes, {
    conversation: ctx.address,
    type,
    originalName: input.file.name,
    now: ctx.now,
  });
  const previous = state.documents.find((doc) => doc.type === type);
  if (previous) await store.delete(previous.id);
  const updated: ClaimState = {
    ...state,
    documents: [...state.documents.filter((doc) => doc.type !== type), { type, ...saved }],
    lastDocument: type,
    skipped: state.skipped.filter((skipped) => skipped !== type),
  };
  const ack = ctx.t(previous ? 'claim:upload_replaced' : 'claim:upload_received', {
    doc: docLabel(ctx, type),
    format: formatName(saved.mime),
    size: formatSize(saved.size, ctx.locale),
  });
  return advance(updated, [say.text(ack)]);
}

/** The question for one document type. */
function documentStep(type: DocumentType): Step<ClaimState> {
  const required = (state: ClaimState): RequiredDocument =>
    documentsFor(state).find((doc) => doc.type === type) ?? { type, basis: 'practical', of: 'member' };
  return {
    expects: 'file',
    ownsText: isClaimWord,
    prompt: (ctx, state) => prompt(ctx, state, required(state)),
    async receive(ctx, state, input) {
      if (input.kind === 'document' || input.kind === 'image') return receiveFile(ctx, state, input, type);
      if (isReplace(input)) return replaceLast(ctx, state);
      if (isSkip(input) && isOptional(required(state))) {
        return advance({ ...state, skipped: [...state.skipped.filter((s) => s !== type), type] });
      }
      return step.retry(ctx.t('claim:upload_expected', { doc: docLabel(ctx, type) }));
    },
  };
}

/** `doc_<type>` steps for every document type a claim may need. */
export function documentSteps(): Record<string, Step<ClaimState>> {
  return Object.fromEntries(
    (Object.keys(DOCUMENT_TYPES) as DocumentType[]).map((type) => [docStep(type), documentStep(type)]),
  );
}
