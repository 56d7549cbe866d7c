import type { ServiceManifest } from '@troupe/contracts';
import type { ClientAssets } from '../assets/client-assets';
import type { DeadLetterActions } from '../dead-letters/dead-letter-actions';
import type { LiveHub } from '../live/live-hub';
import type { SagaMapModel } from '../map/map-types';
import type { OrderViewSource } from '../sources/order-view-source';

/** Everything the board's routes read: its sources (order-view, the DLQ tool, the manifests) and its live hub. */
export interface Board {
  manifests: readonly ServiceManifest[];
  map: SagaMapModel;
  source: OrderViewSource;
  deadLetters: DeadLetterActions;
  hub: LiveHub;
  assets(): ClientAssets;
  settings: BoardSettings;
  now(): number;
  /** Whether live updates flow: the archive is being followed (set once the follower starts). */
  following(): boolean;
}

export interface BoardSettings {
  deadlineMs: number;
  jaegerUrl?: string;
  listLimit: number;
  scanLimit: number;
  /** ADMIN_TOKEN is set: replay and purge are possible (with it). */
  adminConfigured: boolean;
}
