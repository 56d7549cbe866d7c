import { referenceManifests } from '@troupe/order-catalogue';
import type { PrepareContext } from '@troupe/worker';
import { loadClientAssets, type ClientAssets } from '../assets/client-assets';
import type { boardConfig } from '../config/board-config';
import { dlqToolActions } from '../dead-letters/dead-letter-actions';
import { LiveHub } from '../live/live-hub';
import { buildSagaMap } from '../map/build-map';
import { orderViewSource } from '../sources/order-view-source';
import type { Board } from './board';

/** The board of one started worker: built before HTTP listens, from configuration only (it owns no data). */
export function createBoard({ config }: PrepareContext<typeof boardConfig>): Board {
  let assets: ClientAssets | undefined;
  return {
    manifests: referenceManifests,
    map: buildSagaMap(referenceManifests),
    source: orderViewSource(config.ORDER_VIEW_URL, config.BOARD_HTTP_TIMEOUT_MS),
    deadLetters: dlqToolActions({ url: config.RABBITMQ_URL, prefix: config.RABBITMQ_PREFIX, ratePerSecond: config.BOARD_REPLAY_RATE }),
    hub: new LiveHub(),
    assets: () => (assets ??= loadClientAssets()),
    settings: {
      deadlineMs: config.SAGA_DEADLINE_MS,
      ...(config.JAEGER_URL ? { jaegerUrl: config.JAEGER_URL } : {}),
      listLimit: config.BOARD_LIST_LIMIT,
      scanLimit: config.BOARD_SCAN_LIMIT,
      adminConfigured: config.ADMIN_TOKEN !== undefined,
    },
    now: () => Date.now(),
    following: () => false,
  };
}
