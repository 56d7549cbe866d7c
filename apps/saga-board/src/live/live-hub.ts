import type { ServerResponse } from 'node:http';

/**
 * The browsers listening on `GET /api/live` (Server-Sent Events). One message per saga change, pushed as the
 * archive reports it; a comment line every `keepAliveMs` keeps proxies from closing an idle stream.
 */
export class LiveHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly timer: NodeJS.Timeout;

  constructor(keepAliveMs = 15_000) {
    this.timer = setInterval(() => this.write(': keep-alive\n\n'), keepAliveMs);
    this.timer.unref();
  }

  add(response: ServerResponse): void {
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  publish(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  listeners(): number {
    return this.clients.size;
  }

  /** Ends every stream: an open SSE response would otherwise hold the server's close until the browser leaves. */
  close(): void {
    clearInterval(this.timer);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private write(text: string): void {
    for (const client of this.clients) client.write(text);
  }
}
