// Test kits for apps built on the chassis: handlers and routes in memory, or the real process on a real broker.
export { inMemoryService } from './testing/in-memory-service';
export type { InMemoryService } from './testing/in-memory-service';
export { adminHeaders, testAdminToken } from './testing/admin-token';
export { consumerManifest } from './testing/consumer-manifest';
export { startOnBroker } from './testing/broker-harness';
export type { BrokerHarness, BrokerHarnessOptions } from './testing/broker-harness';
export { openEventBus, brokerUrl } from './testing/event-bus';
export type { EventBus } from './testing/event-bus';
