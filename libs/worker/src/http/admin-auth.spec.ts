import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../logging/create-logger';
import { createMetrics } from '../metrics/create-metrics';
import { bearerToken, tokensEqual } from './admin-auth';
import { createHttpServer, HttpServer } from './create-http-server';

const token = 'admin-token-for-this-spec-0123456789';

function server(adminToken: string | undefined, logLines: string[] = []): HttpServer {
  const logger = createLogger('test-service', 'warn', new Writable({ write: (chunk, _encoding, done) => (logLines.push(String(chunk)), done()) }));
  const http = createHttpServer({ logger, registry: createMetrics('test-service').registry, checks: {}, adminToken });
  const schema = { body: { type: 'object', additionalProperties: false, required: ['available'], properties: { available: { type: 'integer' } } } };
  http.put('/stock/:sku', { config: { adminOnly: true }, schema }, async (request) => ({ changed: request.body }));
  http.post('/runs', { config: { adminOnly: true } }, async () => ({ ran: true }));
  http.post('/orders', async () => ({ placed: true }));
  http.get('/stock/:sku', async () => ({ available: 1 }));
  return http;
}

describe('admin routes (config: { adminOnly: true })', () => {
  let http: HttpServer;
  beforeEach(async () => {
    http = server(token);
    await http.ready();
  });
  afterEach(() => http.close());

  const put = (headers: Record<string, string>, payload: unknown = { available: 5 }) => http.inject({ method: 'PUT', url: '/stock/SKU-1', headers, payload: payload as object });

  it('is 401 with WWW-Authenticate: Bearer and the usual error body without a token', async () => {
    const response = await put({});
    assert.equal(response.statusCode, 401);
    assert.match(String(response.headers['www-authenticate']), /^Bearer realm="troupe-admin"$/);
    assert.deepEqual(response.json(), { error: 'Unauthorized', message: 'admin endpoint: send Authorization: Bearer <ADMIN_TOKEN>' });
  });

  it('is 401 for another scheme or an empty bearer', async () => {
    for (const authorization of [`Basic ${Buffer.from(`x:${token}`).toString('base64')}`, 'Bearer', 'Bearer ', token]) {
      assert.equal((await put({ authorization })).statusCode, 401, authorization);
    }
  });

  it('is 403 with a wrong token, including a prefix or an extension of the right one', async () => {
    for (const wrong of ['wrong-token', token.slice(0, -1), `${token}x`, token.toUpperCase()]) {
      const response = await put({ authorization: `Bearer ${wrong}` });
      assert.equal(response.statusCode, 403, wrong);
      assert.deepEqual(response.json(), { error: 'Forbidden', message: 'admin endpoint: the bearer token is not the configured ADMIN_TOKEN' });
    }
  });

  it('checks the token before the body: an unauthenticated request learns nothing from validation', async () => {
    assert.equal((await put({}, { colour: 'red' })).statusCode, 401);
    assert.equal((await put({ authorization: 'Bearer nope' }, { colour: 'red' })).statusCode, 403);
    assert.equal((await put({ authorization: `Bearer ${token}` }, { colour: 'red' })).statusCode, 400);
  });

  it('runs the handler with the right token (scheme case-insensitive)', async () => {
    const response = await put({ authorization: `Bearer ${token}` });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { changed: { available: 5 } });
    assert.equal((await put({ authorization: `bearer ${token}` })).statusCode, 200);
    assert.equal((await http.inject({ method: 'POST', url: '/runs', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
  });

  it('leaves routes not marked admin open', async () => {
    assert.equal((await http.inject({ method: 'POST', url: '/orders' })).statusCode, 200);
    assert.equal((await http.inject({ method: 'GET', url: '/stock/SKU-1' })).statusCode, 200);
    assert.equal((await http.inject({ method: 'GET', url: '/health' })).statusCode, 200);
    assert.equal((await http.inject({ method: 'GET', url: '/metrics' })).statusCode, 200);
  });

  it('answers 503 on admin routes, never opens them, and warns at start while no token is configured', async () => {
    const lines: string[] = [];
    const unconfigured = server(undefined, lines);
    await unconfigured.ready();
    try {
      for (const headers of [{}, { authorization: `Bearer ${token}` }]) {
        const response = await unconfigured.inject({ method: 'PUT', url: '/stock/SKU-1', headers, payload: { available: 5 } });
        assert.equal(response.statusCode, 503);
        assert.deepEqual(response.json(), { error: 'Service Unavailable', message: 'admin endpoints are disabled: ADMIN_TOKEN is not configured on this worker' });
      }
      assert.equal((await unconfigured.inject({ method: 'POST', url: '/orders' })).statusCode, 200);
      assert.ok(lines.some((line) => line.includes('admin route PUT /stock/:sku answers 503: ADMIN_TOKEN is not set')), lines.join(''));
    } finally {
      await unconfigured.close();
    }
  });
});

describe('bearerToken and tokensEqual', () => {
  it('reads the token of a Bearer header only', () => {
    assert.equal(bearerToken('Bearer abc'), 'abc');
    assert.equal(bearerToken('BEARER  abc '), 'abc');
    assert.equal(bearerToken('Bearer a b'), undefined);
    assert.equal(bearerToken('Basic abc'), undefined);
    assert.equal(bearerToken(undefined), undefined);
  });

  it('compares whole tokens of any lengths', () => {
    assert.equal(tokensEqual(token, token), true);
    assert.equal(tokensEqual('', token), false);
    assert.equal(tokensEqual(token, `${token}x`), false);
  });
});
