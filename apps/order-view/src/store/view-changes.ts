import { ChangeSignal } from '@troupe/worker';

/**
 * One per started worker (its `context.state`, made by `prepare`), shared by its handlers and its routes: wakes
 * requests waiting for an order's view to change (`GET /orders/:id?minVersion=N`, `?wait=terminal`). The chassis'
 * keyed signal, named for what it announces here.
 */
export class ViewChanges extends ChangeSignal {}
