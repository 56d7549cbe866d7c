import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { waitFor } from '@troupe/testing';
import { buildTopology, NonRecoverableError, topologyNames } from '@troupe/messaging';
import { deleteTopologies } from '@troupe/messaging/testing';
import { orderCatalogue } from '@troupe/order-catalogue';
import { examplesOf } from '@troupe/order-catalogue/testing';
import { startWorker, type RunningWorker } from '../lifecycle/start-worker';
import { defineWorker } from '../lifecycle/worker-definition';
import { consumerManifest } from '../testing/consumer-manifest';

const brokerUrl = process.env.RABBITMQ_URL || 'amqp://guest:guest@127.0.0.1:5672';
const dashboardFile = path.resolve(__dirname, '..', '..', '..', '..', 'tools', 'infra', 'compose', 'grafana', 'troupe-dashboard.json');

/** Series Prometheus makes itself (not exported by anyone), which a dashboard may query. */
const prometheusOwn = new Set(['up']);

/** Every metric name a PromQL expression reads: identifiers that are neither functions, keywords nor label names. */
export function metricNamesIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""');
  const withoutLabelLists = withoutStrings.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '').replace(/\{[^}]*\}/g, '');
  const names = [...withoutLabelLists.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)].map((match) => match[1]!);
  const keywords = new Set(['or', 'and', 'unless', 'bool', 'offset', 'vector', 'inf', 'nan']);
  return [...new Set(names.filter((name) => !keywords.has(name.toLowerCase()) && !/^\d/.test(name) && /_/.test(name) || prometheusOwn.has(name)))];
}

function labelsGroupedBy(expr: string): string[] {
  return [...expr.matchAll(/\bby\s*\(([^)]*)\)/g)].flatMap((match) => match[1]!.split(',').map((label) => label.trim()).filter(Boolean));
}

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string }[];
}

describe('operations metrics on a running worker (real broker, SQLite)', function () {
  this.timeout(60_000);
  const prefix = `test-ops-${process.pid}-${Date.now()}.`;
  const service = 'ops-probe';
  const names = topologyNames(prefix, service);
  let dataDir: string;
  let worker: RunningWorker | undefined;

  const probe = defineWorker({
    catalogue: orderCatalogue,
    service,
    defaultPort: 3999,
    manifest: consumerManifest(service, ['order.created']),
    handlers: () => ({
      'order.created': async (event) => {
        if (event.data.customerId === 'poison') throw new NonRecoverableError('poison for the DLQ gauge');
      },
    }),
    routes(http, { messaging }) {
      http.post<{ Body: { customerId: string } }>('/emit', async (request, reply) => {
        const order = { ...examplesOf('order.created')[0]!, orderId: randomUUID(), customerId: request.body.customerId };
        await messaging.transaction((_session, outbox) => outbox.emit('order.created', order));
        return reply.status(202).send({});
      });
      http.get<{ Params: { id: string } }>('/things/:id', async (request) => ({ id: request.params.id }));
    },
  });

  const scrape = async (): Promise<string> => (await fetch(`${worker!.url}/metrics`)).text();
  const gauge = (text: string, name: string, labels: string) => new RegExp(`^${name}\\{${labels}${labels ? ',' : ''}service="${service}"\\} (\\S+)$`, 'm').exec(text)?.[1];

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'troupe-ops-'));
    worker = await startWorker(probe, {
      env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, RABBITMQ_URL: brokerUrl, RABBITMQ_PREFIX: prefix },
      logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }),
    });
    await waitFor(async () => ((await fetch(`${worker!.url}/health`)).status === 200 ? true : undefined), { what: 'healthy', timeoutMs: 15_000 });
  });
  after(async () => {
    await worker?.stop();
    await deleteTopologies(brokerUrl, [buildTopology({ prefix, service, consumes: ['order.created'] })]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("reports the DLQ's depth from the broker, the outbox backlog and its own consumer per queue", async () => {
    const before = await scrape();
    assert.equal(gauge(before, 'troupe_dlq_messages', `queue="${names.deadLetterQueue}"`), '0');
    assert.equal(gauge(before, 'troupe_consumers', `queue="${names.consumerQueue('order.created')}"`), '1');

    const emitted = await fetch(`${worker!.url}/emit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customerId: 'poison' }) });
    assert.equal(emitted.status, 202);
    const after = await waitFor(
      async () => {
        const text = await scrape();
        return gauge(text, 'troupe_dlq_messages', `queue="${names.deadLetterQueue}"`) === '1' && gauge(text, 'troupe_outbox_pending', '') === '0' ? text : undefined;
      },
      { what: 'the dead letter counted in the DLQ gauge, the outbox drained', timeoutMs: 20_000 },
    );
    assert.match(after, /^troupe_messages_dead_lettered_total\{event="order\.created",reason="[a-z-]+",service="ops-probe"\} 1$/m);
  });

  it('counts HTTP requests by route pattern', async () => {
    for (const id of ['x1', 'x2']) assert.equal((await fetch(`${worker!.url}/things/${id}`)).status, 200);
    const text = await scrape();
    assert.equal(gauge(text, 'troupe_http_requests_total', 'route="/things/:id",method="GET",status_class="2xx"'), '2');
    assert.match(text, /^troupe_http_request_duration_seconds_count\{service="ops-probe",route="\/things\/:id",method="GET",status_class="2xx"\} 2$/m);
  });

  it('exports every metric the Grafana dashboard queries, with the labels it groups by', async () => {
    const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8')) as { panels: Panel[] };
    const exprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
    assert.ok(exprs.length >= 15, 'the dashboard has its queries');
    const text = await scrape();
    const exported = new Set([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) => (type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name!])));
    // A labelled counter not yet incremented shows no label in the text: the declared label names say what it has.
    const declared = worker!.context.metrics.registry.getMetricsAsArray().flatMap((metric) => (metric as unknown as { labelNames?: string[] }).labelNames ?? []);
    const labels = new Set([...declared, 'service', 'le']);
    const queried = new Set(exprs.flatMap(metricNamesIn));
    assert.ok(queried.has('troupe_dlq_messages') && queried.has('troupe_http_request_duration_seconds_bucket'), [...queried].join(', '));
    const missing = [...queried].filter((name) => !prometheusOwn.has(name) && !exported.has(name));
    assert.deepEqual(missing, [], `queried by the dashboard but not exported by a worker: ${missing.join(', ')}`);
    // `instance` is Prometheus' (the scrape target); every other label must be one a worker's series declare.
    const grouped = new Set(exprs.flatMap(labelsGroupedBy));
    const unknownLabels = [...grouped].filter((label) => label !== 'instance' && !labels.has(label));
    assert.deepEqual(unknownLabels, [], `grouped by labels no exported series has: ${unknownLabels.join(', ')}`);
  });

  it('finds metric names in PromQL the way the dashboard check needs', () => {
    assert.deepEqual(metricNamesIn('histogram_quantile(0.99, sum by (le, route) (rate(troupe_x_bucket{status_class=~"4xx|5xx"}[5m])))'), ['troupe_x_bucket']);
    assert.deepEqual(metricNamesIn('count(sum by (queue) (troupe_consumers) == 0) or vector(0)'), ['troupe_consumers']);
    assert.deepEqual(metricNamesIn('sum(up{job="troupe"})'), ['up']);
  });
});
