/**
 * The trained model cached on disk, keyed by a hash of the content and the settings: a process
 * (or a test worker) whose content has not changed loads the model in milliseconds instead of
 * training it; any edit to the content or the settings trains a new one.
 *
 * File layout: 4-byte header length, the JSON header (features, vocabulary, array lengths), then
 * offsets and classes (Int32) and weights and bias (Float32). Written to a temporary file and
 * renamed, so a reader never sees half a file; an unreadable file is simply trained again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NluContent } from './content.js';
import {
  DEFAULT_NLU,
  nluOf,
  trainModel,
  type Nlu,
  type NluOptions,
  type TrainedModel,
} from './interpreter.js';
import { SoftmaxModel } from './model.js';
import { CONCEPT_WORDS } from './concepts.js';
import { EN_SLANG, ID_SLANG } from '../content/nlp/slang.js';

/** Bump when features or the model change in a way the content hash cannot see. */
const FORMAT = 'tanya-nlu-10';

/** The default cache folder (`NLU_CACHE_DIR`, else the system's temporary folder). */
export function defaultCacheDir(): string {
  return process.env.NLU_CACHE_DIR ?? join(tmpdir(), 'tanya-nlu');
}

/** The cache key of content trained with options. */
export function contentHash(content: NluContent, options: NluOptions): string {
  const hash = createHash('sha256');
  hash.update(FORMAT);
  hash.update(JSON.stringify(options));
  // The word lists the features are made of are code, not content: a change to them retrains.
  hash.update(JSON.stringify([CONCEPT_WORDS, ID_SLANG, EN_SLANG]));
  hash.update(JSON.stringify(content.labels));
  for (const e of content.examples) hash.update(`${e.label}\u0000${e.lang}\u0000${e.text}\n`);
  for (const t of content.topics)
    hash.update(`${t.id}\u0000${t.keywords.join('\u0001')}\u0000${t.answer.id}\u0000${t.answer.en}\n`);
  return hash.digest('hex').slice(0, 32);
}

/** A model's arrays in file order. */
function arraysOf(model: SoftmaxModel): (Int32Array | Float32Array)[] {
  const { offsets, classes, weights, bias } = model.arrays();
  return [offsets, classes, weights, bias];
}

/** What the file header says about one model. */
interface ModelHeader {
  classCount: number;
  lengths: [number, number, number, number];
}

function write(path: string, trained: TrainedModel): void {
  const models = [trained.model, trained.kinds];
  const header = Buffer.from(
    JSON.stringify({
      features: trained.features,
      vocabulary: trained.vocabulary,
      kindPrior: trained.kindPrior,
      models: models.map((model): ModelHeader => {
        const [o, c, w, b] = arraysOf(model).map((a) => a.length) as [number, number, number, number];
        return { classCount: model.classCount, lengths: [o, c, w, b] };
      }),
      trainingMs: trained.trainingMs,
    }),
  );
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.length);
  const parts = [
    size,
    header,
    ...models.flatMap(arraysOf).map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)),
  ];
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, Buffer.concat(parts));
  renameSync(temporary, path);
}

function read(path: string): TrainedModel {
  const file = readFileSync(path);
  const headerLength = file.readUInt32LE(0);
  const header = JSON.parse(file.subarray(4, 4 + headerLength).toString('utf8')) as {
    features: string[];
    vocabulary: string[];
    kindPrior: number[];
    models: [ModelHeader, ModelHeader];
    trainingMs: number;
  };
  let at = 4 + headerLength;
  const take = (count: number) => {
    const bytes = file.subarray(at, at + count * 4);
    at += count * 4;
    if (bytes.length !== count * 4) throw new Error('truncated model file');
    return new Uint8Array(bytes).buffer; // a copy: aligned for the typed arrays
  };
  const [model, kinds] = header.models.map(({ classCount, lengths: [o, c, w, b] }) => {
    return new SoftmaxModel(
      classCount,
      new Int32Array(take(o)),
      new Int32Array(take(c)),
      new Float32Array(take(w)),
      new Float32Array(take(b)),
    );
  }) as [SoftmaxModel, SoftmaxModel];
  return {
    features: header.features,
    vocabulary: header.vocabulary,
    model,
    kinds,
    kindPrior: header.kindPrior,
    trainingMs: header.trainingMs,
  };
}

/**
 * The interpreter for `content`: from the cache when it holds this content's model, else trained
 * (and cached). A cache that cannot be read or written only costs the training time.
 */
export function loadNlu(
  content: NluContent,
  options: NluOptions = DEFAULT_NLU,
  cacheDir = defaultCacheDir(),
): Nlu {
  const path = join(cacheDir, `${contentHash(content, options)}.model`);
  try {
    return nluOf(content, read(path), options);
  } catch {
    // not cached yet (or unreadable): train
  }
  const trained = trainModel(content, options);
  try {
    mkdirSync(cacheDir, { recursive: true });
    write(path, trained);
  } catch {
    // a read-only disk only costs the next start its training time
  }
  return nluOf(content, trained, options);
}
