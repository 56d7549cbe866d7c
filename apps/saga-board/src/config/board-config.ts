import { integerField, optionalUrlField, urlField } from '@troupe/worker';

const http = ['http', 'https'];

/** The board's settings, read by the chassis at start with the common ones (SAGA_DEADLINE_MS, ADMIN_TOKEN, …). */
export const boardConfig = {
  ORDER_VIEW_URL: urlField({ description: 'order-view, the read model every saga on the board comes from.', default: 'http://localhost:3001', protocols: http }),
  JAEGER_URL: optionalUrlField({ description: "Jaeger UI (e.g. http://localhost:16686): each saga links to its trace's search. Unset: no link.", protocols: http }),
  BOARD_REPLAY_RATE: integerField({ description: 'Dead letters replayed per second at most (the DLQ tool’s pacing).', default: 20, min: 1, max: 1000 }),
  BOARD_SCAN_LIMIT: integerField({ description: 'Most order-view rows read for one list (its change feed, newest range first).', default: 20_000, min: 100, max: 1_000_000 }),
  BOARD_LIST_LIMIT: integerField({ description: 'Most sagas one list answers (newest first); the counts cover every match.', default: 500, min: 10, max: 5_000 }),
  BOARD_HTTP_TIMEOUT_MS: integerField({ description: 'Bound on each request to order-view.', default: 5_000, min: 100, max: 60_000 }),
};
