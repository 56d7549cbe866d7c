import { isIP } from 'node:net';

/**
 * TLS material for an `amqps://` connection, as PEM Buffers (the caller reads the files). The broker's certificate
 * is always verified against `ca` (or the system's CAs when absent) and its name against the URL's host:
 * there is deliberately no way to turn that off.
 */
export interface BrokerTlsOptions {
  /** CA certificate(s) that sign the broker's certificate. */
  ca?: Buffer;
  /** Client certificate, for brokers that verify peers (`ssl_options.verify = verify_peer`). Needs `key`. */
  cert?: Buffer;
  /** The client certificate's private key. */
  key?: Buffer;
  /**
   * Name the broker's certificate must carry, when it differs from the URL's host. With several nodes it applies to
   * every one of them (a certificate the whole cluster shares); unset, each node is checked against its own host.
   */
  servername?: string;
  /** Where each part came from (e.g. `RABBITMQ_CA_FILE data/tls/ca.pem`), named in errors. */
  sources?: { ca?: string; cert?: string; key?: string };
}

/**
 * What amqplib passes on to `tls.connect` for the node at `host`: only the keys that are set, and the name the
 * certificate must carry. Built per connection attempt, so a failover to another node never checks that node's
 * certificate against the previous node's name. An IP address is not a server name (SNI): Node then checks the
 * certificate's IP addresses against it.
 */
export function tlsSocketOptions(tls: BrokerTlsOptions | undefined, host: string): Record<string, unknown> {
  if (!tls) return {};
  const options: Record<string, unknown> = { rejectUnauthorized: true };
  for (const key of ['ca', 'cert', 'key', 'servername'] as const) if (tls[key] !== undefined) options[key] = tls[key];
  if (options['servername'] === undefined && host !== '' && isIP(host) === 0) options['servername'] = host;
  return options;
}

const unknownAuthority = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
]);
const refusedClientCertificate = new Set([
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
]);

/**
 * One sentence naming the cause of a failed TLS connection ("TLS: certificate signed by an unknown authority (…)"),
 * or undefined when `error` is not a TLS failure. A reconnect loop logs it, so a wrong CA is not a silent retry.
 */
export function describeTlsFailure(error: unknown, tls: BrokerTlsOptions | undefined, host: string): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  const source = (part: 'ca' | 'cert' | 'key', fallback: string) => tls?.sources?.[part] ?? fallback;
  const ca = tls?.ca ? `${source('ca', 'the CA given')} does not sign the broker's certificate` : "no CA given: the system's trusted CAs were used";
  if (unknownAuthority.has(code)) return `TLS: certificate signed by an unknown authority (${ca})`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const reason = (error as { reason?: string }).reason ?? '';
    return `TLS: the broker's certificate is not valid for "${tls?.servername ?? host}" (${reason || 'hostname mismatch'}); connect with a name the certificate lists`;
  }
  if (code === 'CERT_HAS_EXPIRED') return "TLS: the broker's certificate has expired";
  if (code === 'CERT_NOT_YET_VALID') return "TLS: the broker's certificate is not valid yet (check the clocks)";
  if (refusedClientCertificate.has(code)) {
    const cert = tls?.cert ? `${source('cert', 'the client certificate')} was refused` : 'it wants a client certificate and none was given';
    return `TLS: the broker refused the handshake (${cert}; ${code})`;
  }
  if (code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' || code === 'ERR_OSSL_EVP_KEY_VALUES_MISMATCH') {
    return `TLS: the client key does not match the client certificate (${source('key', 'key')}, ${source('cert', 'cert')})`;
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return `TLS: the server did not answer TLS; is this the broker's TLS port (usually 5671, plain AMQP is 5672)? (${code})`;
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_OSSL_') || code.startsWith('ERR_TLS_')) return `TLS: handshake failed (${code})`;
  return undefined;
}
