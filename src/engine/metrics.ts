/**
 * Prometheus metrics of the engine. One registry per engine so tests and several engines in one
 * process do not collide.
 */
import { Counter, Histogram, Registry } from 'prom-client';

/** The engine's counters and histograms. */
export class EngineMetrics {
  readonly registry = new Registry();
  readonly turns = new Counter({
    name: 'tanya_turns_total',
    help: 'Turns processed, by channel and outcome',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly turnSeconds = new Histogram({
    name: 'tanya_turn_duration_seconds',
    help: 'Time from receiving a message to having its replies',
    labelNames: ['channel'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'tanya_errors_total',
    help: 'Turns that failed, by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly awaiting = new Counter({
    name: 'tanya_awaiting_total',
    help: 'Prompts sent, by dialog and step (funnels)',
    labelNames: ['dialog', 'step'] as const,
    registers: [this.registry],
  });
  readonly conflicts = new Counter({
    name: 'tanya_session_conflicts_total',
    help: 'Session revision conflicts that were retried',
    registers: [this.registry],
  });
}
