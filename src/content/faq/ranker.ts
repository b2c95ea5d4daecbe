/**
 * The numeric core of FAQ retrieval: given weighted query terms (already resolved to term ids),
 * score topics and return the best few. Knows nothing about words or languages.
 *
 * Score of a topic = `variantWeight` × (best cosine between the query and one of the topic's
 * variants) + (1 − `variantWeight`) × (share of the query's squared weight found in the topic;
 * words found only in the answer count `answerCredit` of that).
 *
 * Fast at scale through a bound: per (term, topic) the index stores the term's largest normalised
 * weight in any of the topic's variants, so one pass over topic postings gives every topic's
 * coverage and an upper bound of its best cosine (Cauchy–Schwarz; exact for one-term queries).
 * Exact cosines are then computed, from the forward index, only for topics whose upper bound can
 * still reach the current top — a few dozen topics instead of every variant that shares a term.
 */

/** A weighted query term. */
export interface RankTerm {
  /** Term ids this query word matched (one, or several for an ambiguous typo). */
  termIds: readonly number[];
  /** Query-side weight. */
  weight: number;
  /** Whether matching it counts as evidence that the question is in the domain. */
  evidence: boolean;
}

/** A scored topic. */
export interface RankedTopic {
  topic: number;
  score: number;
  /** Share of the query's evidence weight found in the topic. */
  evidence: number;
  /** Best cosine with one variant. */
  best: number;
  /** Share of the query's weight found in the topic. */
  coverage: number;
}

/** What the ranker is built from. */
export interface RankerInput {
  topicCount: number;
  /** Weight of every term id (IDF times its class factor). */
  termWeights: Float64Array;
  /** Variants in topic order: the topic index and the distinct term ids of each. */
  variants: readonly { topic: number; terms: readonly number[] }[];
  /** Per topic: term ids in its variants, titles and keywords. */
  bags: readonly ReadonlySet<number>[];
  /** Per topic: term ids found only in its answer. */
  answerBags: readonly ReadonlySet<number>[];
}

/** Scoring constants used at query time. */
export interface RankOptions {
  variantWeight: number;
  answerCredit: number;
  /** How many topics to return. */
  limit: number;
}

interface Postings {
  topics: Int32Array;
  /** per posting: the term's largest weight / variant norm among the topic's variants (0 if none) */
  impact: Float64Array;
}

/** Immutable scoring index with reusable scratch buffers (`rank` is synchronous). */
export class TopicRanker {
  private readonly termWeights: Float64Array;
  private readonly postings: Postings[];
  private readonly answerPostings: Int32Array[];
  /** topic → first variant; variants of topic t are [variantStart[t], variantStart[t + 1]) */
  private readonly variantStart: Int32Array;
  private readonly variantNorm: Float64Array;
  /** variant → its slice of `variantTerms` */
  private readonly termStart: Int32Array;
  private readonly variantTerms: Int32Array;

  // scratch
  private readonly queryWeight: Float64Array;
  private readonly cover: Float64Array;
  private readonly strong: Float64Array;
  private readonly bound: Float64Array;
  private readonly seen: Int32Array;
  private readonly mark: Int32Array;
  private readonly touched: Int32Array;
  private stamp = 0;

  constructor(input: RankerInput) {
    const { topicCount, termWeights, variants } = input;
    const termCount = termWeights.length;
    this.termWeights = termWeights;

    this.variantStart = new Int32Array(topicCount + 1);
    this.variantNorm = new Float64Array(variants.length);
    this.termStart = new Int32Array(variants.length + 1);
    this.variantTerms = new Int32Array(variants.reduce((n, v) => n + v.terms.length, 0));
    const impact = new Map<number, number>(); // (term * topicCount + topic) → best impact
    let cursor = 0;
    variants.forEach((v, i) => {
      let sq = 0;
      for (const id of v.terms) sq += (termWeights[id] as number) ** 2;
      const norm = Math.sqrt(sq) || 1;
      this.variantNorm[i] = norm;
      this.termStart[i] = cursor;
      for (const id of v.terms) {
        this.variantTerms[cursor++] = id;
        const key = id * topicCount + v.topic;
        impact.set(key, Math.max(impact.get(key) ?? 0, (termWeights[id] as number) / norm));
      }
      this.variantStart[v.topic + 1] = i + 1;
    });
    this.termStart[variants.length] = cursor;
    for (let t = 1; t <= topicCount; t++) {
      this.variantStart[t] = Math.max(this.variantStart[t] as number, this.variantStart[t - 1] as number);
    }

    const lists: number[][] = Array.from({ length: termCount }, () => []);
    input.bags.forEach((bag, t) => {
      for (const id of bag) (lists[id] as number[]).push(t);
    });
    this.postings = lists.map((topics, id) => ({
      topics: Int32Array.from(topics),
      impact: Float64Array.from(topics, (t) => impact.get(id * topicCount + t) ?? 0),
    }));
    const answerLists: number[][] = Array.from({ length: termCount }, () => []);
    input.answerBags.forEach((bag, t) => {
      for (const id of bag) (answerLists[id] as number[]).push(t);
    });
    this.answerPostings = answerLists.map((l) => Int32Array.from(l));

    this.queryWeight = new Float64Array(termCount);
    this.cover = new Float64Array(topicCount);
    this.strong = new Float64Array(topicCount);
    this.bound = new Float64Array(topicCount);
    this.seen = new Int32Array(topicCount);
    this.mark = new Int32Array(topicCount);
    this.touched = new Int32Array(topicCount);
  }

  /**
   * The best `limit` topics for the query, best first (ties by topic index).
   *
   * @param terms - resolved query terms
   * @param normSq - squared norm of the whole query (unknown words included)
   * @param evidenceSq - squared norm of its evidence-bearing part
   */
  rank(terms: readonly RankTerm[], normSq: number, evidenceSq: number, options: RankOptions): RankedTopic[] {
    if (normSq <= 0 || terms.length === 0) return [];
    this.reserveStamps(terms.length + 1);
    const touchedCount = this.accumulate(terms, options.answerCredit);
    const top = this.select(touchedCount, normSq, evidenceSq, options);
    for (const qt of terms) for (const id of qt.termIds) this.queryWeight[id] = 0;
    return top;
  }

  /** One pass over topic postings: coverage, evidence and cosine upper bound per topic. */
  private accumulate(terms: readonly RankTerm[], answerCredit: number): number {
    const { seen, mark, cover, strong, bound, touched, queryWeight } = this;
    const gen = ++this.stamp;
    let n = 0;
    const touch = (t: number): void => {
      seen[t] = gen;
      cover[t] = 0;
      strong[t] = 0;
      bound[t] = 0;
      touched[n++] = t;
    };
    for (const qt of terms) {
      const m = ++this.stamp;
      const sq = qt.weight * qt.weight;
      for (const id of qt.termIds) {
        if (qt.weight > (queryWeight[id] as number)) queryWeight[id] = qt.weight;
        const { topics, impact } = this.postings[id] as Postings;
        for (let k = 0; k < topics.length; k++) {
          const t = topics[k] as number;
          if (seen[t] !== gen) touch(t);
          bound[t] = (bound[t] as number) + qt.weight * (impact[k] as number);
          if (mark[t] === m) continue; // one coverage credit per query term per topic
          mark[t] = m;
          cover[t] = (cover[t] as number) + sq;
          if (qt.evidence) strong[t] = (strong[t] as number) + sq;
        }
      }
      if (answerCredit <= 0) continue;
      for (const id of qt.termIds) {
        const topics = this.answerPostings[id] as Int32Array;
        for (let k = 0; k < topics.length; k++) {
          const t = topics[k] as number;
          if (seen[t] !== gen) touch(t);
          if (mark[t] === m) continue;
          mark[t] = m;
          cover[t] = (cover[t] as number) + sq * answerCredit;
          if (qt.evidence) strong[t] = (strong[t] as number) + sq * answerCredit;
        }
      }
    }
    return n;
  }

  /** Exact scores for topics whose bound can still reach the top `limit`, best first. */
  private select(
    touchedCount: number,
    normSq: number,
    evidenceSq: number,
    options: RankOptions,
  ): RankedTopic[] {
    const { touched, cover, strong, bound } = this;
    const vw = options.variantWeight;
    const qNorm = Math.sqrt(normSq);
    const upper = (t: number): number =>
      vw * Math.min(1, (bound[t] as number) / qNorm) + (1 - vw) * ((cover[t] as number) / normSq);
    const top: RankedTopic[] = [];
    const consider = (t: number): void => {
      const floor = top.length < options.limit ? -1 : (top[top.length - 1] as RankedTopic).score;
      if (upper(t) < floor) return;
      const best = this.bestCosine(t, qNorm);
      const coverage = (cover[t] as number) / normSq;
      const score = vw * best + (1 - vw) * coverage;
      const evidence = evidenceSq === 0 ? 0 : (strong[t] as number) / evidenceSq;
      insertTop(top, { topic: t, score, evidence, best, coverage }, options.limit);
    };
    // Seed with the highest bounds so the floor rises early, then one pass over the rest.
    const seeds = topByBound(touched, touchedCount, options.limit * 2, upper);
    for (const t of seeds) consider(t);
    const seeded = new Set(seeds);
    for (let k = 0; k < touchedCount; k++) {
      const t = touched[k] as number;
      if (!seeded.has(t)) consider(t);
    }
    return top;
  }

  /** Best cosine between the query (weights in `queryWeight`) and one variant of topic `t`. */
  private bestCosine(t: number, qNorm: number): number {
    const { variantStart, termStart, variantTerms, queryWeight, termWeights, variantNorm } = this;
    let best = 0;
    for (let v = variantStart[t] as number; v < (variantStart[t + 1] as number); v++) {
      let dot = 0;
      for (let k = termStart[v] as number; k < (termStart[v + 1] as number); k++) {
        const id = variantTerms[k] as number;
        const q = queryWeight[id] as number;
        if (q !== 0) dot += q * (termWeights[id] as number);
      }
      const cos = dot / (qNorm * (variantNorm[v] as number));
      if (cos > best) best = cos;
    }
    return best > 1 ? 1 : best;
  }

  /** Makes room for `n` fresh stamps; before int32 overflow the stamp arrays are cleared. */
  private reserveStamps(n: number): void {
    if (this.stamp + n < 0x7fffffff) return;
    this.seen.fill(0);
    this.mark.fill(0);
    this.stamp = 0;
  }
}

/** The `k` touched topics with the highest bound (small k: insertion into a short list). */
function topByBound(touched: Int32Array, count: number, k: number, upper: (t: number) => number): number[] {
  const out: { t: number; u: number }[] = [];
  for (let i = 0; i < count; i++) {
    const t = touched[i] as number;
    const u = upper(t);
    if (out.length === k && u <= (out[k - 1] as { u: number }).u) continue;
    let j = out.length;
    while (j > 0 && (out[j - 1] as { u: number }).u < u) j--;
    out.splice(j, 0, { t, u });
    if (out.length > k) out.pop();
  }
  return out.map((o) => o.t);
}

/** Keeps `list` sorted by score (desc, then topic index) and at most `limit` long. */
function insertTop(list: RankedTopic[], item: RankedTopic, limit: number): void {
  const better = (a: RankedTopic, b: RankedTopic): boolean =>
    a.score > b.score || (a.score === b.score && a.topic < b.topic);
  const last = list[list.length - 1];
  if (list.length >= limit && last !== undefined && !better(item, last)) return;
  let i = list.length;
  while (i > 0 && better(item, list[i - 1] as RankedTopic)) i--;
  list.splice(i, 0, item);
  if (list.length > limit) list.pop();
}
