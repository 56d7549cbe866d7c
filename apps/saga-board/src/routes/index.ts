import type { HttpServer } from '@troupe/worker';
import type { Board } from '../board/board';
import { registerDeadLetterRoutes } from './dead-letter-routes';
import { registerLiveRoute } from './live-route';
import { registerMapRoute } from './map-route';
import { registerPageRoutes } from './page-routes';
import { registerSagaRoutes } from './saga-routes';

export function registerBoardRoutes(http: HttpServer, board: Board): void {
  registerPageRoutes(http, board);
  registerSagaRoutes(http, board);
  registerLiveRoute(http, board);
  registerMapRoute(http, board);
  registerDeadLetterRoutes(http, board);
}
