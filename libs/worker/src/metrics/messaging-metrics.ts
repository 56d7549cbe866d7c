/**
 * The counters a message consumer reports. The worker implements them on its Prometheus registry
 * and hands them to the messaging pipeline, so every service exposes the same series on /metrics.
 */
export interface MessagingMetricsRecorder {
  /** A message was handled and acked. */
  consumed(event: string): void;
  /** A handler attempt threw (it may still be retried). */
  failed(event: string): void;
  /** A message was sent to a delay queue for another attempt. */
  retried(event: string): void;
  /** A message was parked on the DLQ; `reason` is a short code such as invalid_schema or retries_exhausted. */
  deadLettered(event: string, reason: string): void;
  /** Wall time of one handler attempt, including its local transaction. */
  handlerDuration(event: string, seconds: number): void;
}
