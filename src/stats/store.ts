/**
 * Counters behind the supervisor dashboard, per day (in `OFFICE_TIMEZONE`): distinct conversations
 * per channel, distinct conversations that reached each dialog step (funnels), handoff requests,
 * FAQ outcomes, and the questions the FAQ could not answer. In memory here (one process) and on
 * Redis in redis-store.ts (HyperLogLogs, so counts there are estimates within about 1%).
 *
 * Nothing personal is kept: conversations are counted by a hash of their key, and unanswered
 * questions are stored only after {@link normaliseQuestion} (src/stats/faq.ts) masked their numbers.
 * Which questions a conversation (by that hash) added is kept beside them, so that "hapus data saya"
 * can take them out of the list again ({@link StatsStore.forgetQuestions}).
 */
import { createHash } from 'node:crypto';

/** FAQ outcomes of a question. */
export const FAQ_OUTCOMES = ['answer', 'clarify', 'fallback'] as const;
/** What the FAQ did with a question. */
export type FaqOutcome = (typeof FAQ_OUTCOMES)[number];

/** Days of data kept. */
export const RETAIN_DAYS = 35;
/** Distinct unanswered questions kept per day (the least frequent go first). */
export const MAX_QUESTIONS_PER_DAY = 200;
/** Distinct members counted per set in memory (a set stops growing there). */
const MAX_MEMBERS = 100_000;

/** What one committed turn adds. `member` is {@link memberId} of the conversation key. */
export interface TurnFacts {
  day: string;
  /** The conversation's channel; null when the turn is not the user talking (an agent's action). */
  channel: string | null;
  member: string;
  /** Dialog steps the replies wait on (distinct). */
  steps: ReadonlyArray<{ dialog: string; step: string }>;
  /** The conversation's handoff request, counted on the day it was made. */
  handoff?: { day: string; ticket: string } | undefined;
}

/** Counts over a range of days. */
export interface StatsStore {
  readonly kind: 'memory' | 'redis';
  recordTurn(facts: TurnFacts): Promise<void>;
  /** `member` ({@link memberId}) is who asked `question`, so it can be forgotten with them. */
  recordFaq(day: string, outcome: FaqOutcome, question?: string, member?: string): Promise<void>;
  /** Takes the questions `member` added on `days` out of the unanswered list. */
  forgetQuestions(member: string, days: readonly string[]): Promise<void>;
  /** Distinct conversations per channel, one count per day of `days`. */
  conversations(days: readonly string[]): Promise<Record<string, number[]>>;
  /** Handoff requests per day of `days`. */
  handoffs(days: readonly string[]): Promise<number[]>;
  /** FAQ outcomes per day of `days`. */
  faq(days: readonly string[]): Promise<Record<FaqOutcome, number[]>>;
  /** Distinct conversations over all of `days` that reached each step of `dialog`. */
  steps(days: readonly string[], dialog: string): Promise<Record<string, number>>;
  /** The most frequent unanswered questions over `days`, most frequent first. */
  unanswered(days: readonly string[], limit: number): Promise<Array<{ question: string; count: number }>>;
  close(): Promise<void>;
}

/** A conversation's key as the stores count it: a hash, never the key (it may hold a phone number). */
export function memberId(conversationKey: string): string {
  return createHash('sha256').update(conversationKey).digest('base64url').slice(0, 22);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (`YYYY-MM-DD`) of `at` in `timeZone`. */
export function dayKey(at: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format.format(at);
}

/** The `count` days ending with the day of `now` in `timeZone`, oldest first. */
export function daysEnding(now: Date, timeZone: string, count: number): string[] {
  const [year, month, day] = dayKey(now, timeZone).split('-').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(year, month - 1, day - (count - 1 - i))).toISOString().slice(0, 10),
  );
}

/** Keeps the `max` highest counts of a map (ties: the older entry stays). */
function capCounts(counts: Map<string, number>, max: number): void {
  while (counts.size > max) {
    let lowest: string | undefined;
    let lowestCount = Infinity;
    for (const [key, count] of counts) {
      if (count < lowestCount) {
        lowest = key;
        lowestCount = count;
      }
    }
    if (lowest === undefined) return;
    counts.delete(lowest);
  }
}

/** {@link StatsStore} in memory: one process, lost on restart. */
export class MemoryStatsStore implements StatsStore {
  readonly kind = 'memory';
  /** Per day: distinct members per `conv:<channel>`, `step:<dialog>:<step>`, `handoff`. */
  readonly #sets = new Map<string, Map<string, Set<string>>>();
  readonly #faq = new Map<string, Record<FaqOutcome, number>>();
  readonly #questions = new Map<string, Map<string, number>>();
  /** Per day: member → question → how often they asked it. */
  readonly #askedBy = new Map<string, Map<string, Map<string, number>>>();

  #day<T>(map: Map<string, T>, day: string, create: () => T): T {
    let found = map.get(day);
    if (found === undefined) {
      found = create();
      map.set(day, found);
      this.#prune(map);
    }
    return found;
  }

  /** Forgets the oldest days beyond {@link RETAIN_DAYS}. */
  #prune(map: Map<string, unknown>): void {
    if (map.size <= RETAIN_DAYS) return;
    for (const day of [...map.keys()].sort().slice(0, map.size - RETAIN_DAYS)) map.delete(day);
  }

  #add(day: string, set: string, member: string): void {
    const sets = this.#day(this.#sets, day, () => new Map<string, Set<string>>());
    let members = sets.get(set);
    if (!members) {
      members = new Set();
      sets.set(set, members);
    }
    if (members.size < MAX_MEMBERS) members.add(member);
  }

  #count(day: string, set: string): number {
    return this.#sets.get(day)?.get(set)?.size ?? 0;
  }

  async recordTurn(facts: TurnFacts): Promise<void> {
    if (facts.channel !== null) this.#add(facts.day, `conv:${facts.channel}`, facts.member);
    for (const { dialog, step } of facts.steps) this.#add(facts.day, `step:${dialog}:${step}`, facts.member);
    if (facts.handoff) this.#add(facts.handoff.day, 'handoff', facts.handoff.ticket);
  }

  async recordFaq(day: string, outcome: FaqOutcome, question?: string, member?: string): Promise<void> {
    const counts = this.#day(this.#faq, day, () => ({ answer: 0, clarify: 0, fallback: 0 }));
    counts[outcome] += 1;
    if (!question) return;
    if (member !== undefined) {
      const askedBy = this.#day(this.#askedBy, day, () => new Map<string, Map<string, number>>());
      let asked = askedBy.get(member);
      if (!asked) {
        // A question that could not be forgotten with its asker is not kept.
        if (askedBy.size >= MAX_MEMBERS) return;
        askedBy.set(member, (asked = new Map()));
      }
      asked.set(question, (asked.get(question) ?? 0) + 1);
    }
    const questions = this.#day(this.#questions, day, () => new Map<string, number>());
    questions.set(question, (questions.get(question) ?? 0) + 1);
    capCounts(questions, MAX_QUESTIONS_PER_DAY);
  }

  async forgetQuestions(member: string, days: readonly string[]): Promise<void> {
    for (const day of days) {
      const asked = this.#askedBy.get(day)?.get(member);
      if (!asked) continue;
      const questions = this.#questions.get(day);
      for (const [question, times] of asked) {
        const left = (questions?.get(question) ?? 0) - times;
        if (left > 0) questions?.set(question, left);
        else questions?.delete(question);
      }
      this.#askedBy.get(day)?.delete(member);
    }
  }

  async conversations(days: readonly string[]): Promise<Record<string, number[]>> {
    const channels = new Set<string>();
    for (const day of days) {
      for (const set of this.#sets.get(day)?.keys() ?? []) {
        if (set.startsWith('conv:')) channels.add(set.slice('conv:'.length));
      }
    }
    return Object.fromEntries(
      [...channels]
        .sort()
        .map((channel) => [channel, days.map((day) => this.#count(day, `conv:${channel}`))]),
    );
  }

  async handoffs(days: readonly string[]): Promise<number[]> {
    return days.map((day) => this.#count(day, 'handoff'));
  }

  async faq(days: readonly string[]): Promise<Record<FaqOutcome, number[]>> {
    const per = (outcome: FaqOutcome) => days.map((day) => this.#faq.get(day)?.[outcome] ?? 0);
    return { answer: per('answer'), clarify: per('clarify'), fallback: per('fallback') };
  }

  async steps(days: readonly string[], dialog: string): Promise<Record<string, number>> {
    const prefix = `step:${dialog}:`;
    const union = new Map<string, Set<string>>();
    for (const day of days) {
      for (const [set, members] of this.#sets.get(day) ?? []) {
        if (!set.startsWith(prefix)) continue;
        const step = set.slice(prefix.length);
        const all = union.get(step) ?? new Set<string>();
        for (const member of members) all.add(member);
        union.set(step, all);
      }
    }
    return Object.fromEntries([...union].map(([step, members]) => [step, members.size]));
  }

  async unanswered(
    days: readonly string[],
    limit: number,
  ): Promise<Array<{ question: string; count: number }>> {
    const totals = new Map<string, number>();
    for (const day of days) {
      for (const [question, count] of this.#questions.get(day) ?? []) {
        totals.set(question, (totals.get(question) ?? 0) + count);
      }
    }
    return topQuestions(totals, limit);
  }

  async close(): Promise<void> {}
}

/** The `limit` most frequent questions, ties in alphabetical order. */
export function topQuestions(
  totals: ReadonlyMap<string, number>,
  limit: number,
): Array<{ question: string; count: number }> {
  return [...totals]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, limit)
    .map(([question, count]) => ({ question, count }));
}
