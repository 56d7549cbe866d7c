import assert from 'node:assert/strict';
import { formatOverview, missingRow, overviewRow } from './dlq-overview';
import type { LetterSummary } from './letter-summary';

const letter = (reason: string, failedAt: string): LetterSummary => ({
  messageId: 'm',
  type: 'stock.reserved',
  failedAt,
  error: `${reason}: details`,
  reason,
  originalQueue: 'q',
  originalRoutingKey: 'stock.reserved',
});

describe('troupe dlq list (every service)', () => {
  it('counts the letters, finds the oldest failure and ranks at most three reasons', () => {
    const row = overviewRow('payment-service', 'payment-service.dlq', [
      letter('invalid-data', '2026-01-02T00:00:00.000Z'),
      letter('retries-exhausted', '2026-01-01T00:00:00.000Z'),
      letter('invalid-data', '2026-01-03T00:00:00.000Z'),
      letter('not-json', ''),
      letter('unknown-type', '2026-01-04T00:00:00.000Z'),
      letter('', '2026-01-05T00:00:00.000Z'),
    ]);
    assert.equal(row.count, 6);
    assert.equal(row.oldest, '2026-01-01T00:00:00.000Z');
    assert.deepEqual(row.reasons, [
      { reason: 'invalid-data', count: 2 },
      { reason: '(none recorded)', count: 1 },
      { reason: 'not-json', count: 1 },
    ]);
    assert.deepEqual(overviewRow('a', 'a.dlq', []), { service: 'a', queue: 'a.dlq', missing: false, count: 0, reasons: [] });
  });

  it('prints one row per service, a missing DLQ as such, and the total', () => {
    const text = formatOverview([
      overviewRow('inventory-service', 'inventory-service.dlq', []),
      overviewRow('payment-service', 'payment-service.dlq', [letter('invalid-data', '2026-01-02T00:00:00.000Z')]),
      missingRow('order-view', 'order-view.dlq'),
    ]);
    const lines = text.split('\n');
    assert.match(lines[0]!, /^SERVICE\s+COUNT\s+OLDEST\s+TOP REASONS$/);
    assert.match(lines[2]!, /^inventory-service\s+0\s+-\s+-$/);
    assert.match(lines[3]!, /^payment-service\s+1\s+2026-01-02T00:00:00\.000Z\s+invalid-data \(1\)$/);
    assert.match(lines[4]!, /^order-view\s+-\s+-\s+no queue order-view\.dlq/);
    assert.match(text, /1 dead letter in 1 of 3 DLQs; `troupe dlq list --service <name>` shows the letters$/);
  });
});
