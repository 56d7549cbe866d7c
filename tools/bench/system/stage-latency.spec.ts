import assert from 'node:assert/strict';
import { Histogram, Registry } from 'prom-client';
import { bucketDelta, bucketQuantile, confirmHistogram, emptyHistogram, observe, parseHistogram, phaseStages, type StageReading } from './stage-latency';

/** A real prom-client page, as a worker serves it: two event types, default labels. */
async function page(observations: Record<string, number[]>): Promise<string> {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'inventory-service' });
  const histogram = new Histogram({ name: confirmHistogram, help: 'x', labelNames: ['event'], buckets: [0.001, 0.002, 0.005, 0.01], registers: [registry] });
  for (const [event, values] of Object.entries(observations)) for (const value of values) histogram.observe({ event }, value);
  return registry.metrics();
}

describe('stage latency from histograms', () => {
  it('sums a histogram over its label sets, bucket by bucket, from a prom-client page', async () => {
    const parsed = parseHistogram(await page({ 'stock.reserved': [0.0005, 0.0015], 'stock.rejected': [0.004, 0.02] }), confirmHistogram)!;
    assert.deepEqual(parsed.bounds, [0.001, 0.002, 0.005, 0.01]);
    assert.deepEqual(parsed.counts, [1, 2, 3, 3]);
    assert.equal(parsed.total, 4);
    assert.equal(parseHistogram('process_cpu_seconds_total 1\n', confirmHistogram), undefined);
  });

  it('interpolates a quantile within its bucket as histogram_quantile does, and caps it at the last finite bound', () => {
    const histogram = { bounds: [0.001, 0.002, 0.005], counts: [0, 10, 20], total: 20 };
    assert.equal(bucketQuantile(histogram, 0.5), 0.002);
    assert.ok(Math.abs(bucketQuantile(histogram, 0.25) - 0.0015) < 1e-12);
    assert.ok(Math.abs(bucketQuantile(histogram, 0.75) - 0.0035) < 1e-12);
    assert.equal(bucketQuantile({ bounds: [0.001], counts: [1], total: 4 }, 0.99), 0.001);
    assert.ok(Number.isNaN(bucketQuantile({ bounds: [0.001], counts: [0], total: 0 }, 0.5)));
  });

  it("takes a phase's figures as the difference of two readings, leaving out processes with nothing in it", async () => {
    const before = parseHistogram(await page({ 'stock.reserved': [0.009, 0.009, 0.009] }), confirmHistogram)!;
    const after = parseHistogram(await page({ 'stock.reserved': [0.009, 0.009, 0.009, 0.0015, 0.0015] }), confirmHistogram)!;
    assert.deepEqual(bucketDelta(after, before).counts, [0, 2, 2, 2]);
    const idle = parseHistogram(await page({ 'stock.reserved': [0.009] }), confirmHistogram)!;
    const first: StageReading = new Map([['inventory-service', { confirm: before }], ['analytics-service', { confirm: idle }]]);
    const second: StageReading = new Map([['inventory-service', { confirm: after }], ['analytics-service', { confirm: idle }]]);
    const stages = phaseStages(first, second);
    assert.equal(stages.length, 1);
    assert.equal(stages[0]!.process, 'inventory-service');
    assert.equal(stages[0]!.commit, undefined);
    assert.equal(stages[0]!.confirm!.count, 2);
    assert.ok(stages[0]!.confirm!.p50 > 1 && stages[0]!.confirm!.p50 <= 2, `the phase's confirms took 1.5 ms, not the earlier 9: ${stages[0]!.confirm!.p50}`);
  });

  it('counts observations into the same cumulative buckets on the raw side', () => {
    const histogram = emptyHistogram([0.001, 0.002]);
    for (const seconds of [0.0004, 0.0015, 0.003]) observe(histogram, seconds);
    assert.deepEqual(histogram, { bounds: [0.001, 0.002], counts: [1, 2], total: 3 });
  });
});
