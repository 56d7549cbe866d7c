/**
 * Span attribute names. The messaging ones follow the OpenTelemetry messaging semantic conventions; they are
 * spelled out here because the package only ships them from its unstable (`incubating`) entry point.
 * `messaging.operation` is the name Jaeger users search by; `messaging.operation.type` is its current spelling.
 */
export const attributes = {
  messagingSystem: 'messaging.system',
  destinationName: 'messaging.destination.name',
  operation: 'messaging.operation',
  operationType: 'messaging.operation.type',
  messageId: 'messaging.message.id',
  conversationId: 'messaging.message.conversation_id',
  routingKey: 'messaging.rabbitmq.destination.routing_key',
  consumerGroup: 'messaging.consumer.group.name',
} as const;

export const rabbitmq = 'rabbitmq';
