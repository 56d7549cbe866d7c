import assert from 'node:assert/strict';
import { formatReport, ratios, type BenchReport, type PhaseFigures } from './report';

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

const report = (raw?: BenchReport['raw']): BenchReport => ({
  conditions: { date: '2025-01-01T00:00:00Z', node: 'v20', cpus: 2, loadBefore: [3, 2, 1], loadAfter: [5, 3, 1], mix: 'happy', system: 'started', raw: 'chain' },
  troupe: {
    saturated: { ...figures(40, 200, 900), hops: { 'POST → order.created': latency(5, 20) }, toNotified: latency(250, 1000) },
    memory: [{ app: 'order-service', url: 'http://x', rssBytes: 150 * 2 ** 20 }, { app: 'order-view', url: 'http://y' }],
  },
  ...(raw ? { raw } : {}),
});

describe('report', () => {
  it('computes ours / raw for throughput and latency', () => {
    assert.deepEqual(ratios(figures(40, 200, 900), figures(2000, 4, 30)), { throughput: 0.02, p50: 50, p99: 30 });
  });

  it('prints each phase, the ratio row, hops and memory', () => {
    const text = formatReport(report({ saturated: figures(2000, 4, 30) }));
    assert.match(text, /saturated 100 @ 8: troupe\s+40\.0\s+100\/0\s+200\s+900\s+900\s+900\s+confirmed 100/);
    assert.match(text, /saturated 100 @ 8: raw\s+2000\.0/);
    assert.match(text, /troupe \/ raw\s+0\.020\s+×50\s+×30/);
    assert.match(text, /POST → order\.created\s+100\s+5\.00\s+20\s+20/);
    assert.match(text, /start → customer\.notified\s+100\s+250/);
    assert.match(text, /order-service\s+150 MiB/);
    assert.match(text, /order-view\s+–/);
  });

  it('leaves the ratio out when the raw baseline did not run', () => {
    assert.doesNotMatch(formatReport(report()), /troupe \/ raw/);
  });
});
