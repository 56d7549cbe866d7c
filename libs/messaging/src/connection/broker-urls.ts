/**
 * The nodes of one broker (a RabbitMQ cluster), written as one or more comma-separated AMQP URLs:
 * `amqp://<user>:<password>@rabbit-1:5672/troupe,amqp://<user>:<password>@rabbit-2:5672/troupe`. Every consumer of a broker URL in the repo
 * (the worker's RABBITMQ_URL, the tools, the test kits) parses it here, so a list means the same everywhere.
 */

/** Where one node is, safe to log: never the credentials. */
export interface BrokerEndpoint {
  host: string;
  port: number;
  /** `amqps://`. */
  secure: boolean;
  /** `host:port`, for logs and errors. */
  label: string;
}

/**
 * A list that cannot be used; `position` is 1-based. `problem` follows a name ("element 2 of 3 is empty", or for a
 * single URL "must use amqp:// or amqps://, …"), so a config error can put the variable in front. Nothing in it
 * echoes a password.
 */
export class BrokerUrlError extends Error {
  constructor(
    readonly position: number,
    readonly problem: string,
  ) {
    super(`broker URL ${problem}`);
    this.name = 'BrokerUrlError';
  }
}

const schemes = ['amqp:', 'amqps:'];

/**
 * The node URLs of `value`, in order, each trimmed. Refuses an empty element, anything but `amqp://`/`amqps://`,
 * and a list mixing the two: were the TLS nodes unreachable, a client would otherwise fall back to sending the
 * credentials in the clear. A comma inside a password must be percent-encoded (`%2C`), as URLs require anyway.
 */
export function parseBrokerUrls(value: string | readonly string[]): string[] {
  const elements = typeof value === 'string' ? value.split(',') : [...value];
  const count = elements.length;
  const where = (index: number) => (count === 1 ? '' : `element ${index + 1} of ${count} `);
  const urls = elements.map((element, index) => {
    const raw = element.trim();
    if (raw === '') throw new BrokerUrlError(index + 1, `${where(index)}is empty${count > 1 ? ' (a stray comma?)' : ''}`);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new BrokerUrlError(index + 1, `${where(index)}must be a valid URL (amqp://… or amqps://…)`);
    }
    if (!schemes.includes(url.protocol)) {
      throw new BrokerUrlError(index + 1, `${where(index)}must use amqp:// or amqps://, got "${url.protocol}//"`);
    }
    if (url.hostname === '') throw new BrokerUrlError(index + 1, `${where(index)}must name a host`);
    return raw;
  });
  const secure = urls.map((url) => url.startsWith('amqps:'));
  const mixed = secure.findIndex((isSecure) => isSecure !== secure[0]);
  if (mixed > 0) {
    throw new BrokerUrlError(mixed + 1, `${where(mixed)}is ${secure[mixed] ? 'amqps://' : 'amqp://'} but element 1 is not: all nodes must use the same scheme, so a lost TLS node never means credentials in the clear`);
  }
  return urls;
}

/** The host and port of a node URL (the scheme's default port when none is written). */
export function brokerEndpoint(url: string): BrokerEndpoint {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'amqps:';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const port = parsed.port === '' ? (secure ? 5671 : 5672) : Number(parsed.port);
  return { host, port, secure, label: `${parsed.hostname}:${port}` };
}

/** The first node of a list: for the things that need one node (a management API default, a TCP probe). */
export function firstBrokerUrl(value: string | readonly string[]): string {
  return parseBrokerUrls(value)[0]!;
}
