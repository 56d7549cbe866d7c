import { otlpProtocols, type OtlpProtocol } from '@troupe/tracing';
import { ConfigFields, ConfigOf } from './config-field';
import { brokerUrlsField } from './broker-urls-field';
import { enumField, integerField, optionalSecretField, optionalStringField, optionalUrlField, stringField } from './field-types';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];
export const logFormats = ['auto', 'pretty', 'json'] as const;
export type LogFormat = (typeof logFormats)[number];

/** The variables every worker understands; each app may add its own fields next to these. */
export function workerConfigFields(defaultPort: number) {
  return {
    PORT: integerField({ description: 'HTTP port (0 picks a free one).', default: defaultPort, min: 0, max: 65535 }),
    HOST: stringField({ description: 'HTTP listen address.', default: '0.0.0.0' }),
    RABBITMQ_URL: brokerUrlsField({
      description:
        'Broker to connect to (amqps for TLS), or the nodes of a cluster as comma-separated URLs: the worker connects to any live one, starting at a random node, and fails over to another when its node goes away.',
      default: 'amqp://guest:guest@localhost:5672',
    }),
    RABBITMQ_CA_FILE: optionalStringField({
      description: "PEM file of the CA that signs the broker's certificate (amqps only); unset uses the system's CAs. The broker's identity is always verified.",
    }),
    RABBITMQ_CERT_FILE: optionalStringField({ description: 'PEM client certificate for a broker that verifies peers (amqps only); needs RABBITMQ_KEY_FILE.' }),
    RABBITMQ_KEY_FILE: optionalStringField({ description: "PEM private key of RABBITMQ_CERT_FILE." }),
    RABBITMQ_PREFIX: stringField({
      description: 'Prefix for every exchange and queue name, to share one broker between isolated deployments or tests.',
      default: '',
      pattern: /^[A-Za-z0-9._-]{0,64}$/,
      patternHint: 'up to 64 letters, digits, ".", "_" or "-"',
    }),
    MONGO_URL: optionalUrlField({
      description: 'MongoDB replica set to store into; unset means the embedded SQLite file DATA_DIR/<service>.sqlite.',
      protocols: ['mongodb', 'mongodb+srv'],
    }),
    MONGO_DATABASE_PREFIX: stringField({
      description: 'Put in front of the service name to make its MongoDB database name, to keep isolated deployments or test runs on one replica set apart.',
      default: '',
      pattern: /^[A-Za-z0-9_-]{0,30}$/,
      patternHint: 'up to 30 letters, digits, "_" or "-"',
    }),
    DATA_DIR: stringField({ description: 'Directory for the embedded SQLite store files.', default: 'data' }),
    STORE_FAULTS: stringField({
      description:
        "Fault injection for tests: 'rerun:<share>' re-runs that share (0-1) of store transactions after rolling them back, as MongoDB does on a transient error; counted in troupe_store_faults_injected_total. 'off' in production.",
      default: 'off',
      pattern: /^(off|rerun:(0(\.\d+)?|1(\.0+)?))$/,
      patternHint: "'off' or 'rerun:<share 0-1>', e.g. rerun:0.3",
    }),
    LOG_LEVEL: enumField<LogLevel>({ description: 'Lowest log level written.', default: 'info', values: logLevels }),
    LOG_FORMAT: enumField<LogFormat>({
      description: "'pretty' (coloured lines for a person, via pino-pretty), 'json' (one JSON object a line, for collectors) or 'auto': pretty when stdout is a terminal, else json. `npm start` passes pretty when its own terminal is one.",
      default: 'auto',
      values: logFormats,
    }),
    TROUPE_CHECKOUT: optionalStringField({
      description: "Set by `npm start`: this checkout's id, added to the broker connection's name, so a second checkout starting on the same broker sees these workers are not its own.",
    }),
    SHUTDOWN_TIMEOUT_MS: integerField({
      description: 'How long a graceful shutdown may take before the process exits 1 naming the step that hung.',
      default: 10_000,
      min: 1,
      max: 600_000,
    }),
    SAGA_DEADLINE_MS: integerField({
      description: 'A saga not terminal after this long is compensated (reason timed_out).',
      default: 30_000,
      min: 1,
      max: 86_400_000,
    }),
    ADMIN_TOKEN: optionalSecretField({
      description:
        'Bearer token the admin routes (stock recount, repairs, forced reconciler runs) require; unset makes them answer 503. The reconciler sends it on its repairs.',
      minLength: 16,
    }),
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrlField({
      description: 'OTLP/HTTP endpoint for traces (e.g. Jaeger); unset keeps tracing quiet and cheap.',
      protocols: ['http', 'https'],
    }),
    OTEL_EXPORTER_OTLP_PROTOCOL: enumField<OtlpProtocol>({
      description: 'OTLP/HTTP encoding of exported traces (http/json is easy to read on the wire).',
      default: 'http/protobuf',
      values: otlpProtocols,
    }),
  } satisfies ConfigFields;
}

export type WorkerConfig = ConfigOf<ReturnType<typeof workerConfigFields>>;
