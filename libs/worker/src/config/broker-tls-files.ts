import { readFileSync } from 'node:fs';
import { brokerEndpoint, parseBrokerUrls, type BrokerTlsOptions } from '@troupe/messaging';
import { ConfigError } from './config-error';

interface TlsSettings {
  readonly RABBITMQ_URL: string;
  readonly RABBITMQ_CA_FILE: string | undefined;
  readonly RABBITMQ_CERT_FILE: string | undefined;
  readonly RABBITMQ_KEY_FILE: string | undefined;
}

/**
 * Reads the TLS files named by the configuration once, at start, so a missing or unreadable file is a ConfigError
 * naming it (exit 78) rather than a broker connection that never succeeds. Undefined when no file is set.
 */
export function readBrokerTlsFiles(config: TlsSettings): BrokerTlsOptions | undefined {
  const files = { RABBITMQ_CA_FILE: config.RABBITMQ_CA_FILE, RABBITMQ_CERT_FILE: config.RABBITMQ_CERT_FILE, RABBITMQ_KEY_FILE: config.RABBITMQ_KEY_FILE };
  const set = Object.entries(files).filter(([, file]) => file !== undefined);
  if (set.length === 0) return undefined;
  // A list is all amqps:// or all amqp:// (parseBrokerUrls refuses a mix), so its first node speaks for every node.
  if (!brokerEndpoint(parseBrokerUrls(config.RABBITMQ_URL)[0]!).secure) {
    throw new ConfigError(set[0]![0], 'is set but RABBITMQ_URL is not amqps://; TLS files are used only over TLS (amqps://host:5671)');
  }
  if ((files.RABBITMQ_CERT_FILE === undefined) !== (files.RABBITMQ_KEY_FILE === undefined)) {
    const missing = files.RABBITMQ_CERT_FILE === undefined ? 'RABBITMQ_CERT_FILE' : 'RABBITMQ_KEY_FILE';
    throw new ConfigError(missing, 'is required when a client certificate is used (RABBITMQ_CERT_FILE and RABBITMQ_KEY_FILE go together)');
  }
  const read = (variable: keyof typeof files): Buffer | undefined => {
    const file = files[variable];
    if (file === undefined) return undefined;
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch (error) {
      throw new ConfigError(variable, `cannot be read: ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (!content.includes('-----BEGIN ')) throw new ConfigError(variable, `is not a PEM file: ${file}`);
    return content;
  };
  const sources = Object.fromEntries(
    [['ca', 'RABBITMQ_CA_FILE'], ['cert', 'RABBITMQ_CERT_FILE'], ['key', 'RABBITMQ_KEY_FILE']]
      .filter(([, variable]) => files[variable as keyof typeof files] !== undefined)
      .map(([part, variable]) => [part, `${variable} ${files[variable as keyof typeof files]}`]),
  );
  const tls: BrokerTlsOptions = { sources };
  const ca = read('RABBITMQ_CA_FILE');
  const cert = read('RABBITMQ_CERT_FILE');
  const key = read('RABBITMQ_KEY_FILE');
  if (ca) tls.ca = ca;
  if (cert) tls.cert = cert;
  if (key) tls.key = key;
  return tls;
}
