import { BrokerUrlError, parseBrokerUrls } from '@troupe/messaging';
import { ConfigField, ConfigProblem } from './config-field';

/**
 * The broker: one AMQP URL, or the nodes of a cluster as a comma-separated list of them. The value stays a string
 * (the list as written, each element trimmed), because every messaging entry point takes the list form as it is
 * (`connectBroker`, `readArchive`, `openDlqSession`, …); `parseBrokerUrls` splits it where the nodes are needed one
 * by one. Checked with the same parser the connection uses, so what starts is what connects.
 */
export function brokerUrlsField(options: { description: string; default: string }): ConfigField<string> {
  return {
    description: options.description,
    defaultText: options.default,
    secret: true,
    parse(raw) {
      if (raw === undefined || raw.trim() === '') return options.default;
      try {
        return parseBrokerUrls(raw).join(',');
      } catch (error) {
        // The problem names the element by position; the raw value may hold passwords and is never echoed.
        if (error instanceof BrokerUrlError) throw new ConfigProblem(error.problem);
        throw error;
      }
    },
  };
}
