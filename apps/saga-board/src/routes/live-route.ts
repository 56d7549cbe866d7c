import type { HttpServer } from '@troupe/worker';
import type { Board } from '../board/board';

/**
 * GET /api/live: Server-Sent Events. `saga` carries a saga's new summary each time one of its events is appended to
 * the archive; `resync` asks the page to reload what it shows (the board reconnected to the archive).
 */
export function registerLiveRoute(http: HttpServer, board: Board): void {
  // Before the server waits for its connections to end: an event stream never ends on its own.
  http.addHook('preClose', async () => board.hub.close());
  // Whether a page would be kept up to date right now: the archive is followed, and by how many pages.
  http.get('/api/status', async () => ({ following: board.following(), listeners: board.hub.listeners(), deadlineMs: board.settings.deadlineMs }));
  http.get('/api/live', async (request, reply) => {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    raw.write(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ now: new Date(board.now()).toISOString(), following: board.following() })}\n\n`);
    board.hub.add(raw);
    request.raw.on('close', () => raw.end());
  });
}
