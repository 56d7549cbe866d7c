import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(workspaceRoot, file), 'utf8');

interface ComposeService {
  profiles?: string[];
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  extra_hosts?: string[];
}

/**
 * The `observability` profile, checked without a Docker engine (none runs here): the files it mounts exist and parse,
 * Prometheus scrapes every worker, Grafana's provisioned data source is the one the dashboard's panels name. That
 * every metric the dashboard queries is exported is checked on a running worker by
 * libs/worker/src/metrics/operations-metrics.integration.ts.
 */
describe('docker-compose.yml observability profile', () => {
  const services = (parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> }).services;
  const workerPorts = readdirSync(path.join(workspaceRoot, 'apps'))
    .filter((dir) => existsSync(path.join(workspaceRoot, 'apps', dir, 'project.json')))
    .filter((dir) => (JSON.parse(read(`apps/${dir}/project.json`)) as { targets?: Record<string, unknown> }).targets?.['serve'])
    .map((dir) => ({ app: dir, port: Number(/defaultPort: (\d+)/.exec(read(`apps/${dir}/src/worker.ts`))?.[1]) }));

  it('runs Prometheus and Grafana only in that profile, mounting files that exist', () => {
    for (const name of ['prometheus', 'grafana']) {
      const service = services[name];
      assert.ok(service, `no ${name} service`);
      assert.deepEqual(service.profiles, ['observability'], `${name} must not start with a plain docker compose up`);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        assert.ok(source.startsWith('./'), `${name} mounts ${source}: only files of the repository`);
        assert.ok(existsSync(path.join(workspaceRoot, source)), `${name} mounts ${source}, which does not exist`);
      }
    }
    assert.match(services['grafana']!.environment!['GF_SECURITY_ADMIN_PASSWORD']!, /^\$\{GRAFANA_ADMIN_PASSWORD:\?/);
    assert.ok(services['prometheus']!.extra_hosts!.includes('host.docker.internal:host-gateway'));
    const published = Object.values(services).flatMap((service) => service.ports ?? []).map((port) => Number(port.split(':')[1]));
    for (const { app, port } of workerPorts) assert.ok(!published.includes(port), `a compose service publishes ${app}'s port ${port}`);
  });

  it("scrapes every worker's /metrics on its default port", () => {
    const config = parse(read('tools/infra/compose/prometheus.yml')) as { scrape_configs: { job_name: string; metrics_path: string; static_configs: { targets: string[] }[] }[] };
    const job = config.scrape_configs.find((entry) => entry.job_name === 'troupe')!;
    assert.equal(job.metrics_path, '/metrics');
    const targets = job.static_configs.flatMap((entry) => entry.targets);
    assert.ok(workerPorts.length >= 8);
    for (const { app, port } of workerPorts) assert.ok(targets.includes(`host.docker.internal:${port}`), `${app} (:${port}) is not scraped`);
  });

  it("provisions the data source the dashboard's panels name and loads the dashboard from where it is mounted", () => {
    const datasources = parse(read('tools/infra/compose/grafana/provisioning/datasources/prometheus.yml')) as { datasources: { uid: string; url: string }[] };
    const [source] = datasources.datasources;
    assert.equal(source!.url, 'http://prometheus:9090');
    const providers = parse(read('tools/infra/compose/grafana/provisioning/dashboards/troupe.yml')) as { providers: { options: { path: string } }[] };
    const mount = services['grafana']!.volumes!.find((volume) => volume.startsWith('./tools/infra/compose/grafana/troupe-dashboard.json:'))!;
    assert.equal(path.posix.dirname(mount.split(':')[1]!), providers.providers[0]!.options.path);

    const dashboard = JSON.parse(read('tools/infra/compose/grafana/troupe-dashboard.json')) as {
      uid: string;
      panels: { id: number; type: string; datasource?: { uid: string }; targets?: { expr: string; datasource?: { uid: string } }[] }[];
    };
    assert.ok(dashboard.uid);
    const ids = dashboard.panels.map((panel) => panel.id);
    assert.equal(new Set(ids).size, ids.length, 'panel ids are unique');
    const queries = dashboard.panels.filter((panel) => panel.type !== 'row');
    assert.ok(queries.length >= 15);
    for (const panel of queries) {
      assert.equal(panel.datasource?.uid, source!.uid);
      assert.ok((panel.targets ?? []).length > 0);
      for (const target of panel.targets!) assert.equal(target.datasource?.uid, source!.uid);
    }
    const exprs = queries.flatMap((panel) => panel.targets!.map((target) => target.expr)).join('\n');
    for (const metric of ['troupe_http_requests_total', 'troupe_http_request_duration_seconds_bucket', 'troupe_dlq_messages', 'troupe_outbox_pending', 'troupe_consumers']) {
      assert.ok(exprs.includes(metric), `the dashboard does not show ${metric}`);
    }
  });
});
