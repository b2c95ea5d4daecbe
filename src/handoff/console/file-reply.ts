/**
 * How the console hands an uploaded file (a claim document, a file from a transcript) to an agent's
 * browser without letting its content act in the console's origin. The type comes from the file's
 * magic bytes ({@link sniffDocument}), never from its name or what the uploader claimed, and is one of
 * a fixed list or `application/octet-stream`. Only JPEG and PNG may be shown inline (for preview);
 * everything else, PDFs included, is an attachment: a browser's PDF viewer runs a PDF's JavaScript
 * (`/OpenAction`) over the page's origin, which a CSP sandbox does not stop. Every answer carries
 * `X-Content-Type-Options: nosniff` and a sandbox CSP, so no upload is ever rendered as HTML or SVG.
 */
import type { FastifyReply } from 'fastify';
import { sniffDocument, type SniffedMime } from '../../store/sniff.js';

/** Types that may be shown inline, checked against the bytes. */
const PREVIEWABLE: ReadonlySet<SniffedMime> = new Set(['image/jpeg', 'image/png']);
const EXTENSIONS: Record<SniffedMime, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
};

/** How an uploaded file is offered. */
export interface UploadReply {
  /** The file's name without extension (made safe here); the extension follows the sniffed type. */
  baseName: string;
  /** Show it in the browser when its type allows (images only); otherwise it is downloaded. */
  preview: boolean;
}

/** Headers of an uploaded file's answer: type, disposition and the hardening ones. */
export interface UploadHeaders {
  'content-type': string;
  'content-disposition': string;
  'x-content-type-options': 'nosniff';
  'content-security-policy': 'sandbox';
}

/** A filename that needs no quoting or encoding: word characters, dots and dashes, at most 100. */
export function safeFileName(name: string): string {
  const clean = name
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[.]+/, '')
    .slice(0, 100);
  return clean || 'file';
}

/** The headers to serve `bytes` with (see the module comment for the rules). */
export function uploadHeaders(bytes: Uint8Array, offer: UploadReply): UploadHeaders {
  const sniffed = sniffDocument(bytes);
  const mime = sniffed.ok ? sniffed.mime : undefined;
  const inline = offer.preview && mime !== undefined && PREVIEWABLE.has(mime);
  const name = `${safeFileName(offer.baseName)}.${mime ? EXTENSIONS[mime] : 'bin'}`;
  return {
    'content-type': mime ?? 'application/octet-stream',
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${name}"`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': 'sandbox',
  };
}

/** Sends an uploaded file with {@link uploadHeaders}. */
export function sendUpload(reply: FastifyReply, bytes: Buffer, offer: UploadReply): FastifyReply {
  return reply.headers({ ...uploadHeaders(bytes, offer) }).send(bytes);
}
