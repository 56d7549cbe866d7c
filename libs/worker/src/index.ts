export { runWorker, configErrorExitCode } from './lifecycle/run-worker';
export { startWorker } from './lifecycle/start-worker';
export type { RunningWorker, StartWorkerOptions } from './lifecycle/start-worker';
export { defineWorker } from './lifecycle/worker-definition';
export type { ConsumedBy, HandlersContext, HandlersOf, PrepareContext, WorkerContext, WorkerDefinition, WorkerMessagingOptions, WorkerStop } from './lifecycle/worker-definition';
export { validateHandlers } from './lifecycle/validate-definition';

export { loadConfig } from './config/load-config';
export { ConfigError } from './config/config-error';
export { ConfigProblem } from './config/config-field';
export type { ConfigField, ConfigFields, ConfigOf } from './config/config-field';
export { booleanField, enumField, integerField, optionalSecretField, optionalStringField, optionalUrlField, stringField, urlField } from './config/field-types';
export { workerConfigFields, logLevels } from './config/worker-config';
export type { LogLevel, WorkerConfig } from './config/worker-config';

export { createHttpServer } from './http/create-http-server';
export type { HttpServer, HttpServerOptions } from './http/create-http-server';
export { adminRealm, bearerToken } from './http/admin-auth';
export type { HealthCheck, HealthChecks, HealthReport } from './http/health';
export type { ErrorBody, InvalidField } from './http/error-response';
export { ChangeSignal, waitUntil, maxClientWaitMs, outcomeWaitQueryProperties } from './http/change-signal';
export type { WaitOutcome } from './http/change-signal';

export { createLogger } from './logging/create-logger';
export type { Logger } from './logging/create-logger';
export { createMetrics } from './metrics/create-metrics';
export type { WorkerMetrics } from './metrics/create-metrics';
