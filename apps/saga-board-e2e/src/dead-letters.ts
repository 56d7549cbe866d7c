import { createEvent } from '@troupe/order-catalogue';
import type { BrokerAdmin } from '@troupe/order-testing';

export interface ParkedLetter {
  messageId: string;
  orderId: string;
}

/**
 * Puts a letter into `<prefix><service>.dlq` exactly as the pipeline parks one after its retries ran out (its
 * reason headers, the original queue), through the management API: the test kit may not speak AMQP itself.
 */
export async function parkDeadLetter(
  admin: BrokerAdmin,
  prefix: string,
  service: string,
  event: { id: string; type: string; data: unknown } & Record<string, unknown>,
  failure: { reason: string; error: string },
): Promise<void> {
  const headers = {
    'x-troupe-error': failure.error,
    'x-troupe-reason': failure.reason,
    'x-troupe-service': service,
    'x-troupe-failed-at': new Date().toISOString(),
    'x-troupe-original-routing-key': event.type,
    'x-troupe-original-queue': `${prefix}${service}.${event.type}`,
    'x-troupe-retry-count': 3,
  };
  const response = await fetch(`${admin.baseUrl}/api/exchanges/%2F/amq.default/publish`, {
    method: 'POST',
    headers: { authorization: admin.authorization, 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: `${prefix}${service}.dlq`,
      payload: JSON.stringify(event),
      payload_encoding: 'string',
      properties: { message_id: event.id, type: event.type, content_type: 'application/json', delivery_mode: 2, headers },
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => ({}))) as { routed?: boolean };
  if (!response.ok || body.routed !== true) throw new Error(`parking a dead letter in ${prefix}${service}.dlq failed: HTTP ${response.status} ${JSON.stringify(body)}`);
}

/** The `order.confirmed` notification-service failed on (an SMTP outage, say), now fixed: valid, so a replay is let through. */
export function confirmedOrderLetter(orderId: string) {
  return createEvent('order.confirmed', { orderId, customerId: 'cust-board', totalCents: 4498, orderVersion: 2 }, { source: 'order-service' });
}
