import { referenceManifests } from '@troupe/order-catalogue';
import { createHttpServer, createLogger, createMetrics, type HttpServer } from '@troupe/worker';
import { testAdminToken } from '@troupe/worker/testing';
import { loadClientAssets } from '../assets/client-assets';
import type { Board, BoardSettings } from '../board/board';
import type { DeadLetterActions } from '../dead-letters/dead-letter-actions';
import { LiveHub } from '../live/live-hub';
import { buildSagaMap } from '../map/build-map';
import { registerBoardRoutes } from '../routes';
import type { OrderViewBody } from '../sagas/summarise-view';
import { SourceUnavailableError, type OrderViewSource } from '../sources/order-view-source';

/** order-view in memory: the rows the board would read over HTTP. */
export class FakeOrderView implements OrderViewSource {
  readonly rows = new Map<string, OrderViewBody>();
  down = false;
  reads = 0;

  put(view: OrderViewBody): void {
    this.rows.set(view.orderId, view);
  }

  async get(orderId: string): Promise<OrderViewBody | undefined> {
    this.reads += 1;
    if (this.down) throw new SourceUnavailableError('order-view is down (test)');
    return this.rows.get(orderId);
  }

  async changedSince(since: string, maxRows: number): Promise<{ rows: OrderViewBody[]; truncated: boolean }> {
    if (this.down) throw new SourceUnavailableError('order-view is down (test)');
    const rows = [...this.rows.values()].filter((row) => row.updatedAt >= since).sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
    return { rows: rows.slice(0, maxRows), truncated: rows.length > maxRows };
  }
}

export interface BoardHarness {
  http: HttpServer;
  board: Board;
  orderView: FakeOrderView;
  close(): Promise<void>;
}

/** The board's routes on the chassis' HTTP server, driven with `inject`: fakes for order-view and the DLQs. */
/** `adminToken: null` plays a board started without ADMIN_TOKEN; default the chassis' test token (`adminHeaders()`). */
export async function startBoardHarness(options: { deadLetters?: DeadLetterActions; settings?: Partial<BoardSettings>; now?: number; adminToken?: string | null } = {}): Promise<BoardHarness> {
  const orderView = new FakeOrderView();
  const unused = async (): Promise<never> => {
    throw new Error('no dead letters in this test');
  };
  const board: Board = {
    manifests: referenceManifests,
    map: buildSagaMap(referenceManifests),
    source: orderView,
    deadLetters: options.deadLetters ?? { services: [], list: unused, show: unused, replay: unused, purge: unused },
    hub: new LiveHub(),
    assets: (() => {
      let assets: ReturnType<typeof loadClientAssets> | undefined;
      return () => (assets ??= loadClientAssets());
    })(),
    settings: { deadlineMs: 30_000, listLimit: 500, scanLimit: 20_000, adminConfigured: options.adminToken !== null, ...options.settings },
    now: () => options.now ?? Date.now(),
    following: () => false,
  };
  const http = createHttpServer({ logger: createLogger('saga-board', 'silent'), registry: createMetrics('saga-board').registry, checks: {}, ...(options.adminToken === null ? {} : { adminToken: options.adminToken ?? testAdminToken }) });
  registerBoardRoutes(http, board);
  await http.ready();
  return {
    http,
    board,
    orderView,
    close: async () => {
      await http.close();
      board.hub.close();
    },
  };
}
