// `troupe inspect <orderId>`: one saga's hop-by-hop timeline, compared with the saga map. Exit 0 follows the map,
// 1 departs from it (missing or unexpected steps), 2 usage error or a source could not be read.
import { parseArgs } from 'node:util';
import { referenceManifests } from '@troupe/order-catalogue';
import { inspectOrder } from './inspect-order';
import { renderReport } from './render-report';
import { SourceError } from './source-error';

export const summary = "one saga's hop-by-hop timeline across services, flagged where it departs from the saga map";

const help = `usage: troupe inspect <orderId> [--view-url URL] [--jaeger-url URL] [--json]

  --view-url    order-view base URL (default: ORDER_VIEW_URL, else http://localhost:3001)
  --jaeger-url  Jaeger query base URL (default: JAEGER_URL; unset: order-view's timeline alone)
  --json        print the comparison as JSON instead of a table

  -h, --help    this text

examples:
  troupe inspect <orderId>                                           # the orderId POST /orders answered
  troupe inspect <orderId> --jaeger-url http://localhost:16686      # with the spans Jaeger recorded
  troupe inspect <orderId> --view-url http://localhost:3001 --json

exit codes: 0 follows the map, 1 departs from it, 2 usage error or a source could not be read`;

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'view-url': { type: 'string' }, 'jaeger-url': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    console.error(`troupe inspect: ${(error as Error).message}\n\n${help}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`troupe inspect: ${positionals.length === 0 ? 'an order id is required' : `one order id, not ${positionals.length}`}\n\n${help}`);
    return 2;
  }
  const jaegerUrl = values['jaeger-url'] ?? (process.env.JAEGER_URL || undefined);
  try {
    const { header, comparison } = await inspectOrder(positionals[0], {
      viewUrl: values['view-url'] ?? (process.env.ORDER_VIEW_URL || 'http://localhost:3001'),
      ...(jaegerUrl ? { jaegerUrl } : {}),
      manifests: referenceManifests,
    });
    console.log(values.json ? JSON.stringify({ ...header, ...comparison }, null, 2) : renderReport(header, comparison));
    return comparison.missing.length + comparison.unexpected === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof SourceError) {
      console.error(`troupe inspect: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
