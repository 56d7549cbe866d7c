// The saga map as the board draws it; shared by the server (which lays it out) and the browser (which draws it).

/** An event of the choreography, or an initiation (a trigger outside the saga, e.g. `POST /orders`). */
export interface MapNode {
  id: string;
  kind: 'event' | 'start';
  /** The event type, or the trigger. */
  label: string;
  /** Who emits the event (for a start: who initiates). */
  services: string[];
  /** Emitted by a compensation (a refund, a release, a cancellation). */
  compensation: boolean;
  /** Depth: the longest chain of reactions from an initiation to it (top to bottom). */
  level: number;
  /** Side by side within a level: 0 the happy path, then failures, then compensations. */
  lane: number;
  x: number;
  y: number;
}

/** A reaction: `service` hears `from` and emits `to`. */
export interface MapEdge {
  id: string;
  from: string;
  to: string;
  service: string;
  kind: 'forward' | 'compensation' | 'initiation';
  why: string;
}

/** A reaction that emits nothing (a projection, or a step that only remembers): listed, not drawn. */
export interface MapListener {
  event: string;
  service: string;
  kind: 'forward' | 'compensation' | 'projection';
  why: string;
}

export interface SagaMapModel {
  nodes: MapNode[];
  edges: MapEdge[];
  listeners: MapListener[];
  services: Array<{ service: string; description: string }>;
  width: number;
  height: number;
  nodeWidth: number;
  nodeHeight: number;
}
