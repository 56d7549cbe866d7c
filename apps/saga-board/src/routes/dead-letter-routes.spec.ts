import assert from 'node:assert/strict';
import { adminHeaders } from '@troupe/worker/testing';
import type { DeadLetterActions } from '../dead-letters/dead-letter-actions';
import { startBoardHarness, type BoardHarness } from '../testing/board-harness';
import type { DeadLetterDetail, LetterSummary } from '../tooling/dlq';

const letter = (messageId: string, reason: string): LetterSummary => ({
  messageId,
  type: 'stock.reserved',
  failedAt: '2026-12-01T10:00:00.000Z',
  error: `${reason}: handler said no`,
  reason,
  originalQueue: 'payment-service.stock.reserved',
  originalRoutingKey: 'stock.reserved',
});

/** The DLQ tool's actions as the routes see them, recording what they were asked. */
function fakeDeadLetters(): DeadLetterActions & { calls: string[] } {
  const letters: Record<string, LetterSummary[]> = { 'payment-service': [letter('m-1', 'retries-exhausted'), letter('m-2', 'invalid-data'), letter('m-3', 'retries-exhausted')] };
  const calls: string[] = [];
  return {
    calls,
    services: ['inventory-service', 'payment-service'],
    async list(service) {
      calls.push(`list ${service}`);
      if (service === 'inventory-service') return { service, queue: `${service}.dlq`, missing: true, count: 0, letters: [] };
      return { service, queue: `${service}.dlq`, missing: false, count: letters[service]!.length, letters: letters[service]! };
    },
    async show(service, messageId) {
      calls.push(`show ${service} ${messageId}`);
      const found = (letters[service] ?? []).filter((candidate) => candidate.messageId === messageId);
      return found.map((summary): DeadLetterDetail => ({
        summary,
        properties: { messageId, type: summary.type },
        headers: { 'x-troupe-reason': summary.reason },
        body: '{}',
        validation: summary.reason === 'invalid-data' ? { valid: false, reason: 'invalid-data', errors: ['/data: must have required property orderId'] } : { valid: true },
        replay: summary.reason === 'invalid-data' ? { ok: false, reason: 'invalid-data: /data: must have required property orderId' } : { ok: true, queue: summary.originalQueue },
      }));
    },
    async replay(service, messageIds) {
      calls.push(`replay ${service} ${messageIds.join(',')}`);
      return { replayed: messageIds.filter((id) => id !== 'm-2' && id !== 'gone'), kept: messageIds.includes('m-2') ? [{ messageId: 'm-2', reason: 'invalid-data' }] : [], notFound: messageIds.filter((id) => id === 'gone') };
    },
    async purge(service, messageIds) {
      calls.push(`purge ${service} ${messageIds.join(',')}`);
      return { purged: [...messageIds], notFound: [] };
    },
  };
}

describe('dead-letter routes (through the DLQ tool’s actions)', () => {
  let harness: BoardHarness;
  let deadLetters: ReturnType<typeof fakeDeadLetters>;
  beforeEach(async () => {
    deadLetters = fakeDeadLetters();
    harness = await startBoardHarness({ deadLetters });
  });
  afterEach(async () => harness.close());

  it('GET /api/dead-letters: every service, its count and its reasons, most frequent first; a DLQ not created yet says so', async () => {
    const response = await harness.http.inject({ url: '/api/dead-letters' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json().services, [
      { service: 'inventory-service', queue: 'inventory-service.dlq', missing: true, count: 0, reasons: [] },
      { service: 'payment-service', queue: 'payment-service.dlq', missing: false, count: 3, reasons: [{ reason: 'retries-exhausted', count: 2 }, { reason: 'invalid-data', count: 1 }] },
    ]);
  });

  it('GET one service’s letters and one letter in full (headers, body, validation errors); 404 for an unknown service or letter', async () => {
    const list = await harness.http.inject({ url: '/api/dead-letters/payment-service' });
    assert.equal(list.json().count, 3);
    const shown = await harness.http.inject({ url: '/api/dead-letters/payment-service/letters/m-2' });
    assert.equal(shown.statusCode, 200);
    assert.deepEqual(shown.json().letters[0].validation, { valid: false, reason: 'invalid-data', errors: ['/data: must have required property orderId'] });
    assert.equal((await harness.http.inject({ url: '/api/dead-letters/payment-service/letters/nope' })).statusCode, 404);
    const unknown = await harness.http.inject({ url: '/api/dead-letters/no-such-service' });
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.json().message, /one of inventory-service, payment-service/);
    assert.ok(!deadLetters.calls.some((call) => call.includes('no-such-service')), 'an unknown service never reaches the broker');
  });

  it('replay and purge need the admin token: 401 without, 403 with another; nothing is touched', async () => {
    for (const action of ['replay', 'purge']) {
      const without = await harness.http.inject({ method: 'POST', url: `/api/dead-letters/payment-service/${action}`, payload: { messageIds: ['m-1'] } });
      assert.equal(without.statusCode, 401, action);
      const wrong = await harness.http.inject({ method: 'POST', url: `/api/dead-letters/payment-service/${action}`, headers: { authorization: 'Bearer not-the-token' }, payload: { messageIds: ['m-1'] } });
      assert.equal(wrong.statusCode, 403, action);
    }
    assert.deepEqual(deadLetters.calls, []);
  });

  it('with the token, replays the selection and answers what went back, what stayed and why, what was gone', async () => {
    const response = await harness.http.inject({ method: 'POST', url: '/api/dead-letters/payment-service/replay', headers: adminHeaders(), payload: { messageIds: ['m-1', 'm-2', 'gone'] } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { service: 'payment-service', action: 'replay', replayed: ['m-1'], kept: [{ messageId: 'm-2', reason: 'invalid-data' }], notFound: ['gone'] });
    assert.deepEqual(deadLetters.calls, ['replay payment-service m-1,m-2,gone']);
  });

  it('with the token, purges the selection', async () => {
    const response = await harness.http.inject({ method: 'POST', url: '/api/dead-letters/payment-service/purge', headers: adminHeaders(), payload: { messageIds: ['m-3'] } });
    assert.deepEqual(response.json(), { service: 'payment-service', action: 'purge', purged: ['m-3'], notFound: [] });
  });

  it('400 for an empty or malformed selection: nothing is replayed by default', async () => {
    for (const payload of [{ messageIds: [] }, {}, { messageIds: ['a', 'a'] }, { messageIds: ['m-1'], all: true }]) {
      const response = await harness.http.inject({ method: 'POST', url: '/api/dead-letters/payment-service/replay', headers: adminHeaders(), payload });
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
    }
    assert.deepEqual(deadLetters.calls, []);
  });

  it('503 while the board has no ADMIN_TOKEN: replay and purge are off', async () => {
    await harness.close();
    harness = await startBoardHarness({ deadLetters, adminToken: null });
    const response = await harness.http.inject({ method: 'POST', url: '/api/dead-letters/payment-service/replay', headers: adminHeaders(), payload: { messageIds: ['m-1'] } });
    assert.equal(response.statusCode, 503);
    assert.match(response.json().message, /ADMIN_TOKEN is not configured/);
    assert.deepEqual(deadLetters.calls, []);
  });

  it('503 naming the cause when the broker cannot be read', async () => {
    deadLetters.list = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5672');
    };
    const response = await harness.http.inject({ url: '/api/dead-letters/payment-service' });
    assert.equal(response.statusCode, 503);
    assert.match(response.json().message, /ECONNREFUSED/);
  });
});
