import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonPoster } from './json-poster';

describe('jsonPoster (the bench load generator)', () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: Array<{ method?: string; url?: string; type?: string; body: string; port?: number }> = [];

  before(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push({ method: request.method, url: request.url, type: request.headers['content-type'], body, port: request.socket.remotePort });
        if (request.url === '/slow') return; // never answers
        if (request.url === '/text') return response.writeHead(500).end('broken');
        response.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ echoed: JSON.parse(body) }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts JSON and parses the JSON answer, over one kept-alive socket', async () => {
    const client = jsonPoster(baseUrl);
    const first = await client.post('/orders', { n: 1 });
    const second = await client.post('/orders', { n: 2 });
    client.close();
    assert.deepEqual([first.status, first.body], [202, { echoed: { n: 1 } }]);
    assert.deepEqual(second.body, { echoed: { n: 2 } });
    assert.deepEqual(seen.slice(-2).map((request) => [request.method, request.url, request.type]), [
      ['POST', '/orders', 'application/json'],
      ['POST', '/orders', 'application/json'],
    ]);
    assert.equal(seen.at(-1)!.port, seen.at(-2)!.port, 'the second request reused the first one’s socket');
  });

  it('hands back a body that is not JSON as text, with its status', async () => {
    const client = jsonPoster(baseUrl);
    const answer = await client.post('/text', {});
    client.close();
    assert.deepEqual([answer.status, answer.body, answer.text], [500, undefined, 'broken']);
  });

  it('fails a request that gets no answer within the timeout, naming it', async () => {
    const client = jsonPoster(baseUrl, { timeoutMs: 200 });
    await assert.rejects(client.post('/slow', {}), /^Error: POST http:\/\/127\.0\.0\.1:\d+\/slow failed: no answer within 200 ms$/);
    client.close();
  });
});
