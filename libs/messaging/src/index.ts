export { connectBroker } from './broker-connection';
export type { BrokerConnection, BrokerOptions } from './broker-connection';
export type { BackoffPolicy } from './backoff';
export type { MessagingLogger } from './logger';
