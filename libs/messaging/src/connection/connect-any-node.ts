import amqp, { type ChannelModel } from 'amqplib';
import { brokerEndpoint, parseBrokerUrls } from './broker-urls';

/**
 * One short-lived connection (a tool, a test helper, a read of the archive) to the first node of `url` that answers,
 * in list order: such a caller needs no spread over the cluster, only a node. No reconnecting; `connectBroker` is
 * for services. Rejects naming every node's failure (a single URL's error is passed on as it is).
 */
export async function connectAnyNode(url: string | readonly string[], socketOptions: Record<string, unknown> = {}): Promise<ChannelModel> {
  const urls = parseBrokerUrls(url);
  const failures: string[] = [];
  let lastError: unknown;
  for (const node of urls) {
    try {
      return await amqp.connect(node, { noDelay: true, ...socketOptions });
    } catch (error) {
      lastError = error;
      failures.push(`${brokerEndpoint(node).label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (urls.length === 1) throw lastError;
  throw new Error(`no broker node answered: ${failures.join('; ')}`);
}
