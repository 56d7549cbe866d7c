import { followArchive } from '@troupe/messaging';
import { orderCatalogue } from '@troupe/order-catalogue';
import type { WorkerContext, WorkerStop } from '@troupe/worker';
import type { Board } from '../board/board';
import type { boardConfig } from '../config/board-config';
import { summariseSaga } from '../sagas/saga-progress';
import { sagaRefresher } from './saga-refresher';

/**
 * Live updates: every event appended to the archive names its saga (the subject); the saga is re-read from
 * order-view and pushed to every open board. Read-only: the board follows the archive without a queue or a store.
 */
export function followSagas(context: WorkerContext<typeof boardConfig, Board>): WorkerStop {
  const board = context.state;
  let lastWarned = 0;
  const refresher = sagaRefresher({
    source: board.source,
    onSaga: (view) => board.hub.publish('saga', summariseSaga(board.manifests, view, board.now(), board.settings.deadlineMs)),
    // Said at most once a minute: while order-view is down every event would say it again.
    onError: (error) => {
      if (Date.now() - lastWarned < 60_000) return;
      lastWarned = Date.now();
      context.logger.warn({ err: error.message }, 'saga board: could not re-read a saga from order-view (said once a minute)');
    },
  });
  const follower = followArchive({
    broker: context.broker,
    prefix: context.config.RABBITMQ_PREFIX,
    catalogue: orderCatalogue,
    logger: context.logger,
    // No page open, no work: a board nobody watches costs order-view nothing under load (a page loads afresh anyway).
    onEvent: ({ event }) => {
      if (event.subject && board.hub.listeners() > 0) refresher.eventFor(event.subject, event.id);
    },
    // Events of an outage the archive no longer replays may be missed: the browsers reload what they show.
    onOpen: () => board.hub.publish('resync', {}),
  });
  board.following = () => follower.isFollowing();
  return async () => {
    await follower.stop();
    await refresher.idle();
    board.hub.close();
  };
}
