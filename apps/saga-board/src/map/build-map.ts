import type { EventType, ServiceManifest } from '@troupe/contracts';
import { buildSagaGraph, type SagaGraph } from '../tooling/saga-map';
import type { MapEdge, MapListener, MapNode, SagaMapModel } from './map-types';

const nodeWidth = 220;
const nodeHeight = 44;
const laneGap = 34;
const levelGap = 30;
const margin = 16;

type Placed = Omit<MapNode, 'x' | 'y'>;

/** 0: a forward step; 1: a failure signal (something compensates on it); 2: emitted by a compensation. */
function rank(node: Placed, graph: SagaGraph): number {
  if (node.kind === 'start') return 0;
  if (node.compensation) return 2;
  return (graph.reactions.get(node.id as EventType) ?? []).some(({ reaction }) => reaction.kind === 'compensation') ? 1 : 0;
}

/**
 * The choreography laid out top to bottom: each event at the depth of its longest chain of reactions from an
 * initiation, so every arrow points down and a saga's path reads as a line down the page. Lanes keep the happy path
 * in the first column, failure signals beside it and the compensation relay further right, each event in the lane of
 * what causes it where it can, so long arrows run down empty lanes instead of across boxes. Read sides (projections)
 * emit nothing and are listed beside the map, not drawn.
 */
export function buildSagaMap(manifests: readonly ServiceManifest[]): SagaMapModel {
  const graph = buildSagaGraph(manifests);
  const edges: MapEdge[] = [];
  const listeners: MapListener[] = [];
  const nodes = new Map<string, Placed>();
  const compensationEmits = new Set<string>();
  const add = (node: Omit<Placed, 'level' | 'lane'>) => nodes.set(node.id, { ...node, level: 0, lane: 0 });

  for (const manifest of manifests) {
    manifest.initiates.forEach((initiation, index) => {
      const id = `start:${manifest.service}:${index}`;
      add({ id, kind: 'start', label: initiation.trigger, services: [manifest.service], compensation: false });
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
  }
  const eventNode = (event: string) => add({ id: event, kind: 'event', label: event, services: graph.producers.get(event as EventType) ?? [], compensation: compensationEmits.has(event) });
  for (const event of graph.producers.keys()) eventNode(event);
  for (const edge of edges) if (!nodes.has(edge.from)) eventNode(edge.from);

  // Longest path from the starts; the saga-map check guarantees no cycle, and the bound guards anyway.
  for (let pass = 0; pass < nodes.size; pass++) {
    let moved = false;
    for (const edge of edges) {
      const from = nodes.get(edge.from)!;
      const to = nodes.get(edge.to)!;
      if (to.level < from.level + 1) {
        to.level = from.level + 1;
        moved = true;
      }
    }
    if (!moved) break;
  }

  const levels = [...new Set([...nodes.values()].map((node) => node.level))].sort((a, b) => a - b);
  for (const level of levels) {
    const parentLanes = (node: Placed) => edges.filter((edge) => edge.to === node.id).map((edge) => nodes.get(edge.from)!).filter((parent) => parent.level < level).map((parent) => parent.lane);
    const wanted = (node: Placed): number => {
      const lanes = parentLanes(node);
      if (node.kind === 'start') return 0;
      const kind = rank(node, graph);
      if (lanes.length === 0) return kind;
      // A relay continues in the lane it came down; a failure steps out beside its cause; a forward step stays under it.
      return kind === 2 ? Math.max(...lanes) : kind === 1 ? Math.min(...lanes) + 1 : Math.min(...lanes);
    };
    const inLevel = [...nodes.values()].filter((node) => node.level === level);
    inLevel.sort((a, b) => wanted(a) - wanted(b) || rank(a, graph) - rank(b, graph) || a.label.localeCompare(b.label));
    let next = 0;
    for (const node of inLevel) {
      node.lane = Math.max(wanted(node), next);
      next = node.lane + 1;
    }
  }

  // An initiation sits right above the event it starts, when that lane is free.
  for (const start of [...nodes.values()].filter((node) => node.kind === 'start')) {
    const target = nodes.get(edges.find((edge) => edge.from === start.id)!.to)!;
    if (![...nodes.values()].some((node) => node !== start && node.level === start.level && node.lane === target.lane)) start.lane = target.lane;
  }

  const laidOut: MapNode[] = [...nodes.values()].map((node) => ({
    ...node,
    x: margin + node.lane * (nodeWidth + laneGap),
    y: margin + node.level * (nodeHeight + levelGap),
  }));
  const lanes = Math.max(...laidOut.map((node) => node.lane)) + 1;
  const depth = Math.max(...laidOut.map((node) => node.level)) + 1;
  return {
    nodes: laidOut.sort((a, b) => a.level - b.level || a.lane - b.lane),
    edges,
    listeners,
    services: manifests.map((m) => ({ service: m.service, description: m.description })),
    width: margin * 2 + lanes * nodeWidth + (lanes - 1) * laneGap,
    height: margin * 2 + depth * nodeHeight + (depth - 1) * levelGap,
    nodeWidth,
    nodeHeight,
  };
}
