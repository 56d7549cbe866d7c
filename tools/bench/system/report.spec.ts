import assert from 'node:assert/strict';
import type { CpuFigures } from './cpu';
import { finalLine, formatReport, ratios, summaryOf, type BenchReport, type PhaseFigures } from './report';

const latency = (p50: number, p99: number) => ({ count: 100, p50, p95: p99, p99, max: p99 });
const figures = (perSecond: number, p50: number, p99: number): PhaseFigures => ({
  shape: { kind: 'saturated', count: 100, concurrency: 8 },
  completed: 100,
  failed: 0,
  seconds: 100 / perSecond,
  perSecond,
  latency: latency(p50, p99),
  outcomes: { confirmed: 100 },
});

const cpu: CpuFigures = {
  phase: 'saturated',
  sagas: 100,
  seconds: 2.5,
  clockTicksPerSecond: 100,
  processes: [
    { name: 'order-service', pid: 11, cpuMs: 1200, msPerSaga: 12 },
    { name: 'rabbitmq (beam.smp)', pid: 12, cpuMs: 800, msPerSaga: 8 },
    { name: 'gone', pid: 13, cpuMs: null, msPerSaga: null },
  ],
  totalMs: 2000,
  totalMsPerSaga: 20,
  busyCores: 0.8,
};

const report = (raw?: BenchReport['raw']): BenchReport => {
  const troupe: BenchReport['troupe'] = {
    saturated: { ...figures(40, 200, 900), post: latency(30, 120), hops: { 'POST → order.created': latency(5, 20) }, hopsSinceCreated: { 'POST → order.created': latency(3, 7) }, toNotified: latency(250, 1000) },
    memory: [{ app: 'order-service', url: 'http://x', rssBytes: 150 * 2 ** 20 }, { app: 'order-view', url: 'http://y' }],
    cpu,
  };
  return {
    conditions: { date: '2025-01-01T00:00:00Z', node: 'v20', cpus: 2, loadBefore: [3, 2, 1], loadAfter: [5, 3, 1], mix: 'happy', system: 'started', raw: 'graph', tap: 'archive' },
    troupe,
    ...(raw ? { raw } : {}),
    summary: summaryOf(troupe, raw),
  };
};

describe('report', () => {
  it('computes ours / raw for throughput and latency', () => {
    assert.deepEqual(ratios(figures(40, 200, 900), figures(2000, 4, 30)), { throughput: 0.02, p50: 50, p99: 30 });
  });

  it('prints each phase, the ratio row, POST latency, hops, CPU and memory', () => {
    const text = formatReport(report({ saturated: figures(2000, 4, 30) }));
    assert.match(text, /saturated 100 @ 8: troupe\s+40\.0\s+100\/0\s+200\s+900\s+900\s+900\s+confirmed 100/);
    assert.match(text, /saturated 100 @ 8: raw\s+2000\.0/);
    assert.match(text, /troupe \/ raw\s+0\.020\s+×50\s+×30/);
    assert.match(text, /POST \/orders response[^\n]*\n[^\n]*\nsaturated 100 @ 8\s+100\s+30\s+120\s+120\s+120/);
    assert.match(text, /POST → order\.created\s+100\s+5\.00\s+20\s+20\s+3\.00\s+7\.00/);
    assert.match(text, /start → customer\.notified\s+100\s+250/);
    assert.match(text, /CPU, troupe saturated phase[^\n]*100 sagas in 2\.5 s, 0\.80 cores busy/);
    assert.match(text, /order-service\s+11\s+1200\s+12\.00/);
    assert.match(text, /rabbitmq \(beam\.smp\)\s+12\s+800\s+8\.00/);
    assert.match(text, /gone\s+13\s+–\s+–/);
    assert.match(text, /total\s+2000\s+20\.00/);
    assert.match(text, /order-service\s+150 MiB/);
    assert.match(text, /order-view\s+–/);
  });

  it("prints each process's commit and confirm over the phase, Troupe's workers and the raw replay's processes in one table", () => {
    const withStages = report({ saturated: { ...figures(2000, 4, 30), stages: [{ process: 'raw inventory-service', confirm: { count: 90, p50: 1.25, p99: 6 } }] } });
    withStages.troupe.saturated!.stages = [{ process: 'inventory-service', commit: { count: 100, p50: 2.5, p99: 12 }, confirm: { count: 100, p50: 4.5, p99: 30 } }];
    const text = formatReport(withStages);
    assert.match(text, /commit and broker confirm per process, saturated 100 @ 8/);
    assert.match(text, /\ninventory-service\s+100\s+2\.50\s+12\s+100\s+4\.50\s+30\n/);
    assert.match(text, /\nraw inventory-service\s+-\s+-\s+-\s+90\s+1\.25\s+6\.00\n/);
    assert.doesNotMatch(formatReport(report({ saturated: figures(2000, 4, 30) })), /commit and broker confirm/, 'no table without histograms');
  });

  it('ends with the one summary line', () => {
    const text = formatReport(report({ saturated: figures(2000, 4, 30) }));
    const lines = text.split('\n');
    assert.equal(lines.at(-1), 'bench: troupe 40.0 sagas/s, raw-graph 2000.0 sagas/s, ratio 0.02, p50 200 ms, p99 900 ms');
    assert.equal(lines.filter((line) => line.startsWith('bench: ')).length, 1);
  });

  it('leaves the ratio out when the raw baseline did not run', () => {
    const text = formatReport(report());
    assert.doesNotMatch(text, /troupe \/ raw/);
    assert.equal(text.split('\n').at(-1), 'bench: troupe 40.0 sagas/s, raw-graph - sagas/s, ratio -, p50 200 ms, p99 900 ms');
  });
});

describe('finalLine', () => {
  it('formats sagas/s with one decimal, the ratio with two, latencies as whole ms', () => {
    assert.equal(
      finalLine({ troupeSagasPerSecond: 71.333, rawSagasPerSecond: 158.24, ratio: 71.333 / 158.24, p50Ms: 511.6, p99Ms: 1003.2 }),
      'bench: troupe 71.3 sagas/s, raw-graph 158.2 sagas/s, ratio 0.45, p50 512 ms, p99 1003 ms',
    );
  });

  it("prints '-' for what did not run (--no-raw; no saturated phase)", () => {
    assert.equal(
      finalLine({ troupeSagasPerSecond: 20, rawSagasPerSecond: null, ratio: null, p50Ms: 100, p99Ms: 200 }),
      'bench: troupe 20.0 sagas/s, raw-graph - sagas/s, ratio -, p50 100 ms, p99 200 ms',
    );
    assert.equal(summaryOf({ memory: [] }, undefined).troupeSagasPerSecond, null);
    assert.match(finalLine(summaryOf({ memory: [] }, undefined)), /^bench: troupe - sagas\/s, raw-graph - sagas\/s, ratio -, p50 - ms, p99 - ms$/);
  });
});
