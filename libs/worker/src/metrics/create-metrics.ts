import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { MessagingMetricsRecorder } from './messaging-metrics';

export interface WorkerMetrics {
  /** Apps may register their own metrics here; everything on it is served on /metrics. */
  readonly registry: Registry;
  readonly messaging: MessagingMetricsRecorder;
}

/** One registry per worker (not prom-client's global one), labelled with the service so scrapes can be merged. */
export function createMetrics(service: string): WorkerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });

  const labelNames = ['event'] as const;
  const consumed = new Counter({ name: 'troupe_messages_consumed_total', help: 'Messages handled and acked', labelNames, registers: [registry] });
  const failed = new Counter({ name: 'troupe_messages_failed_total', help: 'Handler attempts that threw', labelNames, registers: [registry] });
  const retried = new Counter({ name: 'troupe_messages_retried_total', help: 'Messages sent to a delay queue for another attempt', labelNames, registers: [registry] });
  const deadLettered = new Counter({
    name: 'troupe_messages_dead_lettered_total',
    help: 'Messages parked on the dead-letter queue',
    labelNames: ['event', 'reason'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'troupe_handler_duration_seconds',
    help: 'Wall time of one handler attempt, local transaction included',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  return {
    registry,
    messaging: {
      consumed: (event) => consumed.inc({ event }),
      failed: (event) => failed.inc({ event }),
      retried: (event) => retried.inc({ event }),
      deadLettered: (event, reason) => deadLettered.inc({ event, reason }),
      handlerDuration: (event, seconds) => duration.observe({ event }, seconds),
    },
  };
}
