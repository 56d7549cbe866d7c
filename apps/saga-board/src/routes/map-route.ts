import type { HttpServer } from '@troupe/worker';
import type { Board } from '../board/board';

/** GET /api/map: the choreography laid out from the manifests (the same for every request: built at start). */
export function registerMapRoute(http: HttpServer, board: Board): void {
  http.get('/api/map', async () => board.map);
}
