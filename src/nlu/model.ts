/**
 * A multinomial logistic regression over sparse features, trained with AdaGrad.
 *
 * Weights exist only for (feature, class) pairs seen together in training ("supported features"):
 * memory and time grow with the data, not with features × classes, so a thousand FAQ topics still
 * fit in a few megabytes and a prediction touches only the classes its features know.
 */
import type { FeatureBag } from './features.js';
import { seededRandom } from '../seeded-random.js';

/** A training row: feature ids and values, and the class. */
export interface Row {
  ids: Int32Array;
  values: Float32Array;
  label: number;
}

/** Training settings. */
export interface TrainOptions {
  epochs: number;
  /** AdaGrad step size. */
  learningRate: number;
  /** L2 penalty per update. */
  l2: number;
  /** Seed of the shuffling, so a model is reproducible. */
  seed: number;
}

/** Defaults chosen by cross-validation (`npm run eval:nlu`). */
export const DEFAULT_TRAIN: Readonly<TrainOptions> = { epochs: 5, learningRate: 0.5, l2: 1e-4, seed: 7 };

/** Most sparse classes one feature may have weights for (see {@link SoftmaxModel.train}). */
const MAX_SPARSE_SUPPORT = 64;

/** Gradients smaller than this are not applied. */
const SKIP_BELOW = 1e-4;

/** Maps feature names to ids; unknown names are ignored at prediction time. */
export class FeatureIndex {
  readonly #ids = new Map<string, number>();

  /** An index over names in id order (from the cache). */
  static of(names: readonly string[]): FeatureIndex {
    const index = new FeatureIndex();
    names.forEach((name, id) => index.#ids.set(name, id));
    return index;
  }

  /** Names in id order. */
  names(): string[] {
    return [...this.#ids.keys()];
  }

  /** How many features are known. */
  get size(): number {
    return this.#ids.size;
  }

  /** A row for training: new names get ids. */
  encode(bag: FeatureBag, label: number): Row {
    const ids: number[] = [];
    const values: number[] = [];
    for (const [name, value] of bag) {
      let id = this.#ids.get(name);
      if (id === undefined) {
        id = this.#ids.size;
        this.#ids.set(name, id);
      }
      ids.push(id);
      values.push(value);
    }
    return { ids: Int32Array.from(ids), values: Float32Array.from(values), label };
  }

  /** Known features of a bag, and the share of its weight that was unknown. */
  lookup(bag: FeatureBag): { ids: number[]; values: number[] } {
    const ids: number[] = [];
    const values: number[] = [];
    for (const [name, value] of bag) {
      const id = this.#ids.get(name);
      if (id === undefined) continue;
      ids.push(id);
      values.push(value);
    }
    return { ids, values };
  }
}

/** The trained weights. */
export class SoftmaxModel {
  /** Rebuilds a model from its arrays (see {@link SoftmaxModel.arrays}). */
  constructor(
    readonly classCount: number,
    /** Per feature: where its classes start in `classes`/`weights` (length features + 1). */
    private readonly offsets: Int32Array,
    private readonly classes: Int32Array,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  /** The model's arrays, for the cache. */
  arrays(): { offsets: Int32Array; classes: Int32Array; weights: Float32Array; bias: Float32Array } {
    return { offsets: this.offsets, classes: this.classes, weights: this.weights, bias: this.bias };
  }

  /** Number of stored weights (for the memory benchmark). */
  get weightCount(): number {
    return this.weights.length;
  }

  /**
   * Trains on `rows` over `featureCount` features and `classCount` classes. Classes in `dense`
   * get a weight for every feature (negative evidence: "mau" speaks against an FAQ topic); the
   * others only for features seen with them.
   */
  static train(
    rows: readonly Row[],
    featureCount: number,
    classCount: number,
    options: TrainOptions,
    dense: ReadonlySet<number> = new Set(Array.from({ length: classCount }, (_, c) => c)),
  ): SoftmaxModel {
    const denseList = [...dense].sort((a, b) => a - b);
    const denseIndex = new Int32Array(classCount).fill(-1);
    denseList.forEach((c, i) => (denseIndex[c] = i));
    // Per feature: the dense classes (in order), then the other classes it was seen with.
    const extra: Set<number>[] = Array.from({ length: featureCount }, () => new Set<number>());
    for (const row of rows)
      for (const id of row.ids) if (!dense.has(row.label)) (extra[id] as Set<number>).add(row.label);
    // A feature seen with very many sparse classes (" ap", "saya") tells none of them apart, and
    // would make every update and prediction touch them all.
    for (const set of extra) if (set.size > MAX_SPARSE_SUPPORT) set.clear();
    const width = denseList.length;
    const offsets = new Int32Array(featureCount + 1);
    for (let f = 0; f < featureCount; f++)
      offsets[f + 1] = (offsets[f] as number) + width + (extra[f] as Set<number>).size;
    const classes = new Int32Array(offsets[featureCount] as number);
    for (let f = 0; f < featureCount; f++) {
      let k = offsets[f] as number;
      for (const c of denseList) classes[k++] = c;
      for (const c of [...(extra[f] as Set<number>)].sort((a, b) => a - b)) classes[k++] = c;
    }
    const weights = new Float32Array(classes.length);
    const squares = new Float32Array(classes.length).fill(1e-6);
    const bias = new Float64Array(classCount);
    const biasSquares = new Float64Array(classCount).fill(1e-6);
    const scores = new Float64Array(classCount);
    const active = new Int32Array(classCount);
    const order = rows.map((_, i) => i);
    const random = seededRandom(options.seed);
    const { learningRate: rate, l2 } = options;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      for (const index of order) {
        const row = rows[index] as Row;
        scores.set(bias);
        for (let n = 0; n < row.ids.length; n++) {
          const f = row.ids[n] as number;
          const v = row.values[n] as number;
          for (let k = offsets[f] as number, end = offsets[f + 1] as number; k < end; k++) {
            const c = classes[k] as number;
            scores[c] = (scores[c] as number) + v * (weights[k] as number);
          }
        }
        softmaxInPlace(scores);
        scores[row.label] = (scores[row.label] as number) - 1; // now the gradient per class score
        // Classes the row already rules out change nothing worth the work (most, after a few epochs).
        let activeDense = 0;
        for (let c = 0; c < classCount; c++) {
          const g = scores[c] as number;
          biasSquares[c] = (biasSquares[c] as number) + g * g;
          bias[c] = (bias[c] as number) - (rate * g) / Math.sqrt(biasSquares[c] as number);
          if ((g >= SKIP_BELOW || g <= -SKIP_BELOW) && (denseIndex[c] as number) >= 0)
            active[activeDense++] = c;
        }
        for (let n = 0; n < row.ids.length; n++) {
          const f = row.ids[n] as number;
          const v = row.values[n] as number;
          const base = offsets[f] as number;
          // AdaGrad with L2, written out: this loop is where training spends its time.
          for (let a = 0; a < activeDense; a++) {
            const c = active[a] as number;
            const k = base + (denseIndex[c] as number);
            const w = weights[k] as number;
            const g = (scores[c] as number) * v + l2 * w;
            const sq = (squares[k] as number) + g * g;
            squares[k] = sq;
            weights[k] = w - (rate * g) / Math.sqrt(sq);
          }
          for (let k = base + width, end = offsets[f + 1] as number; k < end; k++) {
            const error = scores[classes[k] as number] as number;
            if (error < SKIP_BELOW && error > -SKIP_BELOW) continue;
            const w = weights[k] as number;
            const g = error * v + l2 * w;
            const sq = (squares[k] as number) + g * g;
            squares[k] = sq;
            weights[k] = w - (rate * g) / Math.sqrt(sq);
          }
        }
      }
    }
    return new SoftmaxModel(
      classCount,
      offsets,
      classes,
      Float32Array.from(weights),
      Float32Array.from(bias),
    );
  }

  /** Class probabilities for known feature ids and values. */
  predict(ids: ArrayLike<number>, values: ArrayLike<number>): Float64Array {
    const scores = Float64Array.from(this.bias);
    for (let n = 0; n < ids.length; n++) {
      const f = ids[n] as number;
      const v = values[n] as number;
      for (let k = this.offsets[f] as number, end = this.offsets[f + 1] as number; k < end; k++) {
        const c = this.classes[k] as number;
        scores[c] = (scores[c] as number) + v * (this.weights[k] as number);
      }
    }
    softmaxInPlace(scores);
    return scores;
  }
}

/** Replaces scores by their softmax. */
export function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp((scores[c] as number) - max);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) / sum;
}
