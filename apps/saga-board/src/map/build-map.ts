import type { EventType, ServiceManifest } from '@troupe/contracts';
import { buildSagaGraph } from '../tooling/saga-map';
import type { MapEdge, MapListener, MapNode, SagaMapModel } from './map-types';

const nodeWidth = 150;
const nodeHeight = 46;
const columnGap = 36;
const rowGap = 26;
const margin = 16;

/**
 * The choreography laid out left to right: each event in the column of its longest chain of reactions from an
 * initiation, so every arrow points right and a saga's path reads as a line through the columns. Within a column,
 * forward events come first (the happy path runs along the top), compensations below, each near the events that
 * cause it. Read sides (projections) emit nothing and are listed beside the map, not drawn.
 */
export function buildSagaMap(manifests: readonly ServiceManifest[]): SagaMapModel {
  const graph = buildSagaGraph(manifests);
  const edges: MapEdge[] = [];
  const listeners: MapListener[] = [];
  const nodes = new Map<string, Omit<MapNode, 'x' | 'y' | 'row'> & { row: number }>();
  const compensationEmits = new Set<string>();

  manifests.forEach((manifest) => {
    manifest.initiates.forEach((initiation, index) => {
      const id = `start:${manifest.service}:${index}`;
      nodes.set(id, { id, kind: 'start', label: initiation.trigger, services: [manifest.service], compensation: false, column: 0, row: 0 });
      edges.push({ id: `${id}->${initiation.emits}`, from: id, to: initiation.emits, service: manifest.service, kind: 'initiation', why: initiation.trigger });
    });
    for (const reaction of manifest.reactions) {
      if (reaction.emits.length === 0) {
        listeners.push({ event: reaction.on, service: manifest.service, kind: reaction.kind, why: reaction.why });
        continue;
      }
      for (const emitted of reaction.emits) {
        if (reaction.kind === 'compensation') compensationEmits.add(emitted);
        edges.push({ id: `${reaction.on}->${emitted}`, from: reaction.on, to: emitted, service: manifest.service, kind: reaction.kind === 'compensation' ? 'compensation' : 'forward', why: reaction.why });
      }
    }
  });
  for (const [event, producers] of graph.producers) {
    nodes.set(event, { id: event, kind: 'event', label: event, services: producers, compensation: compensationEmits.has(event), column: 1, row: 0 });
  }
  for (const edge of edges) {
    if (!nodes.has(edge.from)) nodes.set(edge.from, { id: edge.from, kind: 'event', label: edge.from, services: graph.producers.get(edge.from as EventType) ?? [], compensation: false, column: 1, row: 0 });
  }

  // Longest path from the starts; the saga-map check guarantees the graph has no cycle, the bound guards anyway.
  for (let pass = 0; pass < nodes.size; pass++) {
    let moved = false;
    for (const edge of edges) {
      const from = nodes.get(edge.from)!;
      const to = nodes.get(edge.to)!;
      if (to.column < from.column + 1) {
        to.column = from.column + 1;
        moved = true;
      }
    }
    if (!moved) break;
  }

  const columns = new Map<number, Array<typeof nodes extends Map<string, infer N> ? N : never>>();
  for (const node of nodes.values()) columns.set(node.column, [...(columns.get(node.column) ?? []), node]);
  const rowOf = new Map<string, number>();
  for (const column of [...columns.keys()].sort((a, b) => a - b)) {
    const placed = columns.get(column)!;
    const parentRow = (id: string) => {
      const rows = edges.filter((edge) => edge.to === id && rowOf.has(edge.from)).map((edge) => rowOf.get(edge.from)!);
      return rows.length === 0 ? 0 : Math.min(...rows);
    };
    placed.sort((a, b) => Number(a.compensation) - Number(b.compensation) || parentRow(a.id) - parentRow(b.id) || a.label.localeCompare(b.label));
    placed.forEach((node, row) => {
      node.row = row;
      rowOf.set(node.id, row);
    });
  }

  const laidOut: MapNode[] = [...nodes.values()].map((node) => ({
    ...node,
    x: margin + node.column * (nodeWidth + columnGap),
    y: margin + node.row * (nodeHeight + rowGap),
  }));
  const maxColumn = Math.max(...laidOut.map((node) => node.column));
  const maxRow = Math.max(...laidOut.map((node) => node.row));
  return {
    nodes: laidOut.sort((a, b) => a.column - b.column || a.row - b.row),
    edges,
    listeners,
    services: manifests.map((m) => ({ service: m.service, description: m.description })),
    width: margin * 2 + (maxColumn + 1) * nodeWidth + maxColumn * columnGap,
    height: margin * 2 + (maxRow + 1) * nodeHeight + maxRow * rowGap,
    nodeWidth,
    nodeHeight,
  };
}
