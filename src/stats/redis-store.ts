/**
 * {@link StatsStore} on Redis, shared by every instance. Keys (after `REDIS_PREFIX`), each expiring
 * after {@link RETAIN_DAYS}: `stats:<day>:conv:<channel>`, `stats:<day>:step:<dialog>:<step>` and
 * `stats:<day>:handoff` (HyperLogLogs: distinct counts within about 1%, whatever the volume),
 * `stats:<day>:dims` (set naming the HyperLogLogs of the day), `stats:<day>:faq` (hash of outcome
 * counts), `stats:<day>:unanswered` (sorted set, capped at {@link MAX_QUESTIONS_PER_DAY}) and
 * `stats:<day>:asked:<member>` (hash: the questions one conversation added, and how often, so they
 * can be taken out again when it is erased).
 */
import type { TanyaRedis } from '../store/redis-client.js';
import {
  FAQ_OUTCOMES,
  MAX_QUESTIONS_PER_DAY,
  RETAIN_DAYS,
  topQuestions,
  type FaqOutcome,
  type StatsStore,
  type TurnFacts,
} from './store.js';

const TTL_SEC = RETAIN_DAYS * 24 * 3600;

/** {@link StatsStore} on Redis. */
export class RedisStatsStore implements StatsStore {
  readonly kind = 'redis';

  constructor(
    private readonly client: TanyaRedis,
    private readonly prefix: string,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  #key(day: string, name: string): string {
    return `${this.prefix}stats:${day}:${name}`;
  }

  async recordTurn(facts: TurnFacts): Promise<void> {
    const names = [
      ...(facts.channel !== null ? [`conv:${facts.channel}`] : []),
      ...facts.steps.map((s) => `step:${s.dialog}:${s.step}`),
    ];
    const multi = this.client.multi();
    const dims = this.#key(facts.day, 'dims');
    for (const name of names) {
      const key = this.#key(facts.day, name);
      multi.pfAdd(key, facts.member).expire(key, TTL_SEC);
    }
    if (names.length) multi.sAdd(dims, names).expire(dims, TTL_SEC);
    if (facts.handoff) {
      const key = this.#key(facts.handoff.day, 'handoff');
      multi.pfAdd(key, facts.handoff.ticket).expire(key, TTL_SEC);
    }
    await multi.exec();
  }

  async recordFaq(day: string, outcome: FaqOutcome, question?: string, member?: string): Promise<void> {
    const counts = this.#key(day, 'faq');
    const multi = this.client.multi().hIncrBy(counts, outcome, 1).expire(counts, TTL_SEC);
    if (question && member !== undefined) {
      const asked = this.#key(day, `asked:${member}`);
      multi.hIncrBy(asked, question, 1).expire(asked, TTL_SEC);
    }
    if (question) {
      const questions = this.#key(day, 'unanswered');
      multi
        .zIncrBy(questions, 1, question)
        .zRemRangeByRank(questions, 0, -(MAX_QUESTIONS_PER_DAY + 1))
        .expire(questions, TTL_SEC);
    }
    await multi.exec();
  }

  async forgetQuestions(member: string, days: readonly string[]): Promise<void> {
    for (const day of days) {
      const asked = this.#key(day, `asked:${member}`);
      const questions = this.#key(day, 'unanswered');
      const counts = await this.client.hGetAll(asked);
      const multi = this.client.multi();
      for (const [question, times] of Object.entries(counts))
        multi.zIncrBy(questions, -Number(times), question);
      multi.zRemRangeByScore(questions, '-inf', 0).del(asked);
      await multi.exec();
    }
  }

  async #dims(days: readonly string[]): Promise<string[][]> {
    if (!days.length) return [];
    const multi = this.client.multi();
    for (const day of days) multi.sMembers(this.#key(day, 'dims'));
    return (await multi.exec()) as unknown as string[][];
  }

  async #counts(keys: readonly (string | string[])[]): Promise<number[]> {
    if (!keys.length) return [];
    const multi = this.client.multi();
    for (const key of keys) multi.pfCount(key);
    return ((await multi.exec()) as unknown as number[]).map(Number);
  }

  async conversations(days: readonly string[]): Promise<Record<string, number[]>> {
    const dims = await this.#dims(days);
    const channels = [
      ...new Set(dims.flat().flatMap((name) => (name.startsWith('conv:') ? [name.slice(5)] : []))),
    ].sort();
    const counts = await this.#counts(
      channels.flatMap((channel) => days.map((day) => this.#key(day, `conv:${channel}`))),
    );
    return Object.fromEntries(
      channels.map((channel, i) => [channel, counts.slice(i * days.length, (i + 1) * days.length)]),
    );
  }

  async handoffs(days: readonly string[]): Promise<number[]> {
    return this.#counts(days.map((day) => this.#key(day, 'handoff')));
  }

  async faq(days: readonly string[]): Promise<Record<FaqOutcome, number[]>> {
    const multi = this.client.multi();
    for (const day of days) multi.hGetAll(this.#key(day, 'faq'));
    const hashes = days.length ? ((await multi.exec()) as unknown as Record<string, string>[]) : [];
    const result = { answer: [], clarify: [], fallback: [] } as Record<FaqOutcome, number[]>;
    for (const outcome of FAQ_OUTCOMES) result[outcome] = hashes.map((hash) => Number(hash[outcome] ?? 0));
    return result;
  }

  async steps(days: readonly string[], dialog: string): Promise<Record<string, number>> {
    const prefix = `step:${dialog}:`;
    const steps = [
      ...new Set((await this.#dims(days)).flat().flatMap((name) => (name.startsWith(prefix) ? [name] : []))),
    ];
    // PFCOUNT over several keys counts their union: conversations, not conversation-days.
    const counts = await this.#counts(steps.map((name) => days.map((day) => this.#key(day, name))));
    return Object.fromEntries(steps.map((name, i) => [name.slice(prefix.length), counts[i] ?? 0]));
  }

  async unanswered(
    days: readonly string[],
    limit: number,
  ): Promise<Array<{ question: string; count: number }>> {
    if (!days.length) return [];
    const multi = this.client.multi();
    for (const day of days) multi.zRangeWithScores(this.#key(day, 'unanswered'), 0, -1);
    const perDay = (await multi.exec()) as unknown as Array<Array<{ value: string; score: number }>>;
    const totals = new Map<string, number>();
    for (const entries of perDay) {
      for (const { value, score } of entries) totals.set(value, (totals.get(value) ?? 0) + Number(score));
    }
    return topQuestions(totals, limit);
  }

  async close(): Promise<void> {
    await this.onClose();
  }
}
