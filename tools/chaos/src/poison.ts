import { randomUUID } from 'node:crypto';
import { schemaIdOf } from '@troupe/contracts';

export const poisonKinds = ['not-json', 'unknown-type', 'schema-invalid'] as const;
export type PoisonKind = (typeof poisonKinds)[number];

/** Routing keys the services consume (each reaches at least one worker's queue, most reach several). */
export const poisonRoutingKeys = ['order.created', 'stock.reserved', 'payment.captured', 'shipment.scheduled', 'stock.released', 'order.confirmed', 'customer.notified'] as const;

/** The reason header (`x-troupe-reason`) each kind must be dead-lettered with. */
export const expectedReason: Record<PoisonKind, string> = {
  'not-json': 'not-json',
  'unknown-type': 'unknown-type',
  'schema-invalid': 'invalid-data',
};

/** Marks a poison message; the pipeline carries headers into the DLQ, so the letter is found by it. */
export const poisonHeader = 'x-chaos-poison';

export interface PoisonMessage {
  tag: string;
  kind: PoisonKind;
  routingKey: string;
  body: Buffer;
  properties: { messageId: string; contentType: string; type: string; appId: string; headers: Record<string, string> };
}

/** A poison message about an order that does not exist, so even a consumer that wrongly accepted it would touch no real saga. */
export function buildPoison(runId: string, number: number, kind: PoisonKind, routingKey: string): PoisonMessage {
  const tag = `${runId}:${number}`;
  const orderId = randomUUID();
  const envelope = (type: string, dataschema: string) => ({
    specversion: '1.0',
    id: randomUUID(),
    source: 'chaos',
    type,
    time: new Date().toISOString(),
    subject: orderId,
    datacontenttype: 'application/json',
    dataschema,
    correlationid: orderId,
    data: { orderId },
  });
  const body =
    kind === 'not-json'
      ? Buffer.from(`chaos poison ${tag}: {"this is": not json`)
      : Buffer.from(JSON.stringify(kind === 'unknown-type' ? envelope('chaos.unheard-of', schemaIdOf('chaos.unheard-of', 1)) : envelope(routingKey, schemaIdOf(routingKey, 1))));
  return {
    tag,
    kind,
    routingKey,
    body,
    properties: { messageId: `chaos-poison-${tag}`, contentType: 'application/json', type: routingKey, appId: 'chaos', headers: { [poisonHeader]: tag } },
  };
}
