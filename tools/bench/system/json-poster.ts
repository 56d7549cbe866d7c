import http from 'node:http';

export interface PostAnswer {
  status: number;
  body: unknown;
  text: string;
}

/**
 * The bench's HTTP client: plain `node:http` over kept-alive sockets. The load generator shares the machine's two cores
 * with the system it measures, and fetch (undici) costs it several times the CPU per request; a busy driver both
 * steals CPU from the system and adds its own event-loop delay to every latency it reports (seen: POST p50 122 ms by
 * fetch while curl, alongside, saw 59 ms).
 */
export function jsonPoster(baseUrl: string, options: { maxSockets?: number; timeoutMs?: number } = {}): { post(path: string, json: unknown): Promise<PostAnswer>; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 256 });
  const base = new URL(baseUrl);
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    post(path, json) {
      const payload = Buffer.from(JSON.stringify(json));
      return new Promise<PostAnswer>((resolve, reject) => {
        const request = http.request(
          { agent, host: base.hostname, port: base.port, method: 'POST', path, headers: { 'content-type': 'application/json', 'content-length': payload.length } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              let body: unknown;
              try {
                body = JSON.parse(text);
              } catch {
                body = undefined;
              }
              resolve({ status: response.statusCode ?? 0, body, text });
            });
          },
        );
        request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        request.on('error', (error) => reject(new Error(`POST ${new URL(path, base).href} failed: ${error.message}`)));
        request.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}
