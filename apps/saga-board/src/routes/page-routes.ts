import type { HttpServer } from '@troupe/worker';
import type { Board } from '../board/board';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The one page every view shares; the client renders the view the path names, so each path is a link to share. */
export function pageShell(board: Board, title: string): string {
  const { settings } = board;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Troupe saga board</title>
<link rel="stylesheet" href="/assets/client.css">
</head>
<body data-deadline-ms="${settings.deadlineMs}" data-admin="${settings.adminConfigured}"${settings.jaegerUrl ? ` data-jaeger-url="${escapeHtml(settings.jaegerUrl)}"` : ''}>
<header class="top">
  <a class="brand" href="/">Troupe <span>saga board</span></a>
  <nav><a href="/" data-nav="sagas">Sagas</a><a href="/dead-letters" data-nav="dead-letters">Dead letters</a><a href="/map" data-nav="map">Saga map</a></nav>
  <span id="live" class="live" title="live updates from the event archive">connecting…</span>
</header>
<main id="app"><noscript>The saga board needs JavaScript. Its data is also served as JSON under /api/.</noscript></main>
<script src="/assets/client.js"></script>
</body>
</html>
`;
}

export function registerPageRoutes(http: HttpServer, board: Board): void {
  const page = (title: (params: Record<string, string>) => string) => async (request: { params: unknown }, reply: { type(t: string): { send(body: string): unknown } }) =>
    reply.type('text/html; charset=utf-8').send(pageShell(board, title(request.params as Record<string, string>)));
  http.get('/', page(() => 'Sagas'));
  http.get('/sagas/:orderId', page((params) => `Saga ${params.orderId}`));
  http.get('/dead-letters', page(() => 'Dead letters'));
  http.get('/dead-letters/:service', page((params) => `Dead letters of ${params.service}`));
  http.get('/map', page(() => 'Saga map'));
  // No cache: the assets are built with the server; a stale copy in a browser would not match its API.
  http.get('/assets/client.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(board.assets().script));
  http.get('/assets/client.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(board.assets().style));
}
