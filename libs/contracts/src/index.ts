export type { EventEnvelope } from './envelope';
