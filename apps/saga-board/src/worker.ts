import { orderCatalogue } from '@troupe/order-catalogue';
import { defineWorker } from '@troupe/worker';
import { createBoard } from './board/create-board';
import { boardConfig } from './config/board-config';
import { followSagas } from './live/follow-sagas';
import { registerBoardRoutes } from './routes';

/**
 * saga-board: one page to open when something looks wrong (port 3008). Every saga with its path against the map,
 * what is stuck, what failed, and the dead letters with a safe replay. It owns no data: it reads order-view, the
 * manifests and the DLQs (through the DLQ tool), and follows the event archive read-only to push changes live.
 * No manifest: it consumes and emits no event.
 */
export const sagaBoardWorker = defineWorker({
  catalogue: orderCatalogue,
  service: 'saga-board',
  defaultPort: 3008,
  config: boardConfig,
  prepare: createBoard,
  routes: (http, { state }) => registerBoardRoutes(http, state),
  start: (context) => followSagas(context),
});
