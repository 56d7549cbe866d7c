// RABBITMQ_URL for the plain-Node scripts here (no TypeScript at run time): one AMQP URL, or a cluster's nodes
// comma-separated. The same rules as @troupe/messaging's parseBrokerUrls, which the workers use; broker-urls.spec.ts
// holds the two together.

/** The node URLs of `value`, trimmed, in order; an empty element or one that is not amqp(s):// throws, naming its position only. */
export function brokerUrlList(value) {
  const elements = value.split(',');
  const where = (index) => (elements.length === 1 ? 'RABBITMQ_URL' : `RABBITMQ_URL element ${index + 1} of ${elements.length}`);
  const urls = elements.map((element, index) => {
    const raw = element.trim();
    if (raw === '') throw new Error(`${where(index)} is empty`);
    let parsed;
    try {
      parsed = new URL(raw);
    } catch {
      throw new Error(`${where(index)} must be a valid URL (amqp://… or amqps://…)`);
    }
    if (parsed.protocol !== 'amqp:' && parsed.protocol !== 'amqps:') throw new Error(`${where(index)} must use amqp:// or amqps://, got "${parsed.protocol}//"`);
    if (parsed.hostname === '') throw new Error(`${where(index)} must name a host`);
    return raw;
  });
  const mixed = urls.findIndex((url) => url.startsWith('amqps:') !== urls[0].startsWith('amqps:'));
  if (mixed > 0) throw new Error(`${where(mixed)} mixes amqp:// and amqps:// with element 1: all nodes must use the same scheme`);
  return urls;
}

/** Host and port of one node URL, the scheme's default port when none is written. */
export function hostPortOf(url) {
  const parsed = new URL(url);
  const port = Number(parsed.port || (parsed.protocol === 'amqps:' ? 5671 : 5672));
  return { host: parsed.hostname || 'localhost', port };
}
