import assert from 'node:assert/strict';
import type { MessagingObservables } from '@troupe/messaging';
import { createMetrics, levelReadTimeoutMs } from './create-metrics';

const sample = (text: string, name: string, labels = '') => new RegExp(`^${name}\\{${labels}${labels ? ',' : ''}service="levels"\\} (\\S+)$`, 'm').exec(text)?.[1];

describe('levels read at scrape time (DLQ depth, outbox backlog, consumers)', () => {
  const source = (overrides: Partial<MessagingObservables> = {}): MessagingObservables => ({
    deadLetterQueue: 'levels.dlq',
    deadLetterDepth: async () => 4,
    outboxPending: async () => 7,
    consumers: () => [
      { queue: 'levels.order.created', consumers: 1 },
      { queue: 'levels.stock.reserved', consumers: 0 },
    ],
    ...overrides,
  });

  it('exports nothing of them before messaging hands its levels over', async () => {
    const text = await createMetrics('levels').registry.metrics();
    assert.equal(sample(text, 'troupe_dlq_messages', 'queue="levels.dlq"'), undefined);
    assert.equal(sample(text, 'troupe_consumers', 'queue="levels.order.created"'), undefined);
    assert.match(text, /^# HELP troupe_outbox_pending /m);
  });

  it('reads each level at every scrape', async () => {
    const metrics = createMetrics('levels');
    let depth = 4;
    metrics.messaging.observe!(source({ deadLetterDepth: async () => depth }));
    let text = await metrics.registry.metrics();
    assert.equal(sample(text, 'troupe_dlq_messages', 'queue="levels.dlq"'), '4');
    assert.equal(sample(text, 'troupe_outbox_pending'), '7');
    assert.equal(sample(text, 'troupe_consumers', 'queue="levels.order.created"'), '1');
    assert.equal(sample(text, 'troupe_consumers', 'queue="levels.stock.reserved"'), '0');
    depth = 9;
    text = await metrics.registry.metrics();
    assert.equal(sample(text, 'troupe_dlq_messages', 'queue="levels.dlq"'), '9');
  });

  it('leaves out a DLQ depth it cannot read (no broker, an error, or slower than the bound) instead of stalling /metrics', async () => {
    for (const deadLetterDepth of [async () => undefined, () => Promise.reject(new Error('channel closed')), () => new Promise<number>(() => undefined)]) {
      const metrics = createMetrics('levels');
      metrics.messaging.observe!(source({ deadLetterDepth }));
      const started = Date.now();
      const text = await metrics.registry.metrics();
      assert.ok(Date.now() - started < levelReadTimeoutMs + 1_000, 'the scrape is bounded');
      assert.equal(sample(text, 'troupe_dlq_messages', 'queue="levels.dlq"'), undefined);
      assert.equal(sample(text, 'troupe_outbox_pending'), '7', 'the other levels are still read');
    }
  });
});
