/** A controllable clock for tests: time moves only when the test says so. */
export class FakeClock {
  #now: number;

  constructor(start: string | Date = '2026-11-21T03:00:00.000Z') {
    this.#now = new Date(start).getTime();
  }

  /** The current fake time. */
  readonly now = (): Date => new Date(this.#now);

  /** The current fake time in milliseconds. */
  readonly millis = (): number => this.#now;

  /** Moves time forward. */
  advance(ms: number): void {
    this.#now += ms;
  }
}
