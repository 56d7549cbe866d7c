import { buildTopology, type Topology } from '@troupe/messaging';

export const benchBrokerUrl = 'amqp://guest:guest@127.0.0.1:5672';

/** The Troupe side consumes `stock.reserved` and emits `payment.captured`, like a payment step of the saga. */
export const troupeHopService = 'payer';

export function troupeHopTopology(prefix: string): Topology {
  return buildTopology({ prefix, service: troupeHopService, consumes: ['stock.reserved'] });
}

/** The bare side: one topic exchange, the relay's input queue and the sink's output queue, all quorum. */
export function bareHopNames(prefix: string): { exchange: string; input: string; output: string } {
  return { exchange: `${prefix}bare.events`, input: `${prefix}bare.in`, output: `${prefix}bare.out` };
}

/** What a hop process reports: CPU used so far (µs) and, for Troupe, deliveries that did not go straight through. */
export interface HopStats {
  cpuMicros: number;
  failed: number;
  retried: number;
  deadLettered: number;
  duplicates: number;
}
