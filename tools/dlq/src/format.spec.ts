import assert from 'node:assert/strict';
import type { DeadLetter } from '@troupe/messaging';
import { formatLetter } from './format-letter';
import { formatList } from './format-list';
import { formatTable } from './format-table';
import { summarise } from './letter-summary';
import { renderBar, createProgress } from './progress';

function letter(headers: Record<string, unknown>, body = '{"a":1}'): DeadLetter {
  return { tag: 1, content: Buffer.from(body), properties: { messageId: 'm-1', type: 'stock.reserved', headers } };
}

describe('dead letter summaries and formatting', () => {
  it('summarises our reason headers', () => {
    const summary = summarise(
      letter({
        'x-troupe-error': 'non-recoverable: boom',
        'x-troupe-failed-at': '2026-01-02T03:04:05.000Z',
        'x-troupe-original-queue': 'payment-service.stock.reserved',
        'x-troupe-original-routing-key': 'stock.reserved',
      }),
    );
    assert.deepEqual(summary, {
      messageId: 'm-1',
      type: 'stock.reserved',
      failedAt: '2026-01-02T03:04:05.000Z',
      error: 'non-recoverable: boom',
      reason: '',
      originalQueue: 'payment-service.stock.reserved',
      originalRoutingKey: 'stock.reserved',
    });
  });

  it("falls back on the broker's x-death record (delivery limit)", () => {
    const summary = summarise(
      letter({ 'x-death': [{ queue: 'p.stock.reserved', reason: 'delivery_limit', time: 1767322800, 'routing-keys': ['stock.reserved'] }] }),
    );
    assert.equal(summary.originalQueue, 'p.stock.reserved');
    assert.equal(summary.originalRoutingKey, 'stock.reserved');
    assert.equal(summary.error, 'broker: delivery_limit');
    assert.equal(summary.failedAt, new Date(1767322800 * 1000).toISOString());
  });

  it('aligns a table, flattens and clips long cells', () => {
    const table = formatTable(['ID', 'ERROR'], [['a', 'short'], ['bbb', `multi\nline ${'x'.repeat(100)}`]], 20);
    const lines = table.split('\n');
    assert.equal(lines[0], 'ID   ERROR');
    assert.equal(lines[1], '---  --------------------');
    assert.equal(lines[2], 'a    short');
    assert.equal(lines[3], `bbb  multi line ${'x'.repeat(8)}…`);
  });

  it('lists the count first, then one row per letter', () => {
    assert.equal(formatList('p.dlq', []), 'p.dlq: 0 dead letters');
    const text = formatList('p.dlq', [summarise(letter({ 'x-troupe-error': 'oops', 'x-troupe-original-queue': 'q' }))]);
    assert.match(text, /^p\.dlq: 1 dead letter\n/);
    assert.match(text, /MESSAGE ID\s+TYPE\s+FAILED AT\s+ERROR\s+ORIGINAL QUEUE/);
    assert.match(text, /m-1\s+stock\.reserved\s+oops\s+q/);
  });

  it('shows properties, sorted headers (nested and binary values readable) and a pretty JSON body', () => {
    const text = formatLetter(letter({ 'x-b': Buffer.from('bytes'), 'x-a': [{ n: 1 }] }, '{"orderId":"o-1"}'));
    assert.match(text, /properties:\n {2}messageId: m-1\n {2}type: stock\.reserved\nheaders:\n {2}x-a: \[\{"n":1\}\]\n {2}x-b: bytes\nbody:\n\{\n {2}"orderId": "o-1"\n\}$/);
    assert.match(formatLetter(letter({}, 'not json')), /body:\nnot json$/);
  });

  it('draws progress in place on a terminal, as lines elsewhere, and not at all for short runs', () => {
    assert.equal(renderBar(1, 4, 'replaying', 8), 'replaying [##......] 1/4 25%');
    const tty: string[] = [];
    const onTty = createProgress(2, 'x', { isTTY: true, write: (text) => tty.push(text) }, 1);
    onTty.tick();
    onTty.tick();
    onTty.finish();
    assert.deepEqual(tty.map((text) => text.slice(0, 1)), ['\r', '\r', '\n']);
    const log: string[] = [];
    const inLog = createProgress(250, 'x', { write: (text) => log.push(text) });
    for (let i = 0; i < 250; i += 1) inLog.tick();
    assert.equal(log.length, 3);
    const quiet: string[] = [];
    const short = createProgress(3, 'x', { isTTY: true, write: (text) => quiet.push(text) });
    short.tick();
    assert.deepEqual(quiet, []);
  });
});
