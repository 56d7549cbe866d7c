import type { MapEdge, MapNode, SagaMapModel } from '../map/map-types';
import { s, serviceColour } from './dom';

export type NodeState = 'taken' | 'awaited' | 'unexpected' | 'missing';

/** One saga drawn on the map: what it did (with the step numbers), what it still awaits, where it departed. */
export interface MapOverlay {
  states: Map<string, NodeState>;
  /** Event → the timeline's step numbers (1-based) that emitted it. */
  steps: Map<string, number[]>;
}

function wrap(text: string, width: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 3 ? [...lines.slice(0, 2), `${lines.slice(2).join(' ').slice(0, width - 1)}…`] : lines;
}

function edgeState(edge: MapEdge, byId: Map<string, MapNode>, overlay: MapOverlay | undefined): string {
  if (!overlay) return '';
  const stateOf = (id: string): NodeState | undefined => {
    const node = byId.get(id);
    // An initiation counts as taken when the event it starts was seen.
    if (node?.kind === 'start') return overlay.states.get(edge.to) === 'taken' ? 'taken' : undefined;
    return overlay.states.get(id);
  };
  const from = stateOf(edge.from);
  const to = stateOf(edge.to);
  if (from === 'taken' && (to === 'taken' || to === 'unexpected')) return ' taken';
  if ((from === 'taken' || from === 'awaited') && to === 'awaited') return ' awaited';
  return ' dim';
}

/** The saga map as SVG: events left to right, forward arrows solid, compensations dashed and orange. */
export function renderMap(model: SagaMapModel, overlay?: MapOverlay): SVGElement {
  const { nodeWidth: w, nodeHeight: nh } = model;
  const byId = new Map(model.nodes.map((node) => [node.id, node]));
  // Fixed-size arrowheads (user space), so a highlighted, thicker edge does not grow a bigger head.
  const marker = (id: string) =>
    s('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: `arrow-${id}` }));
  const svg = s(
    'svg',
    { class: `saga-map${overlay ? ' with-overlay' : ''}`, viewBox: `0 0 ${model.width} ${model.height}`, width: model.width, height: model.height, role: 'img', 'aria-label': 'saga map' },
    s('defs', {}, marker('forward'), marker('compensation'), marker('taken'), marker('taken-compensation'), marker('awaited')),
  );
  for (const edge of model.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) continue;
    // Bottom of the cause to the top of the effect; arrows into one event meet at its top, spread a little.
    const incoming = model.edges.filter((other) => other.to === edge.to);
    const spread = incoming.length > 1 ? (incoming.indexOf(edge) - (incoming.length - 1) / 2) * 14 : 0;
    const x1 = from.x + w / 2;
    const y1 = from.y + nh;
    const x2 = to.x + w / 2 + spread;
    const y2 = to.y - 2;
    const bend = Math.max(18, (y2 - y1) / 2);
    const state = edgeState(edge, byId, overlay);
    const kind = edge.kind === 'compensation' ? 'compensation' : 'forward';
    const arrow = state === ' taken' ? (kind === 'compensation' ? 'taken-compensation' : 'taken') : state === ' awaited' ? 'awaited' : kind;
    svg.append(
      s(
        'path',
        { class: `edge edge-${edge.kind}${state}`, d: `M ${x1} ${y1} C ${x1} ${y1 + bend}, ${x2} ${y2 - bend}, ${x2} ${y2}`, 'marker-end': `url(#${arrow})`, 'data-edge': edge.id },
        s('title', {}, `${edge.service} hears ${edge.from.startsWith('start:') ? edge.why : edge.from} → emits ${edge.to}${edge.kind === 'compensation' ? ' (compensation)' : ''}: ${edge.why}`),
      ),
    );
  }
  for (const node of model.nodes) {
    const state = overlay?.states.get(node.id);
    const startTaken = overlay && node.kind === 'start' && model.edges.some((edge) => edge.from === node.id && overlay.states.get(edge.to) === 'taken');
    const classes = ['node', `node-${node.kind}`, node.compensation ? 'node-compensation' : '', state ? `state-${state}` : overlay ? (startTaken ? 'state-taken' : 'dim') : ''].filter(Boolean).join(' ');
    const group = s('g', { class: classes, transform: `translate(${node.x} ${node.y})`, 'data-node': node.id, ...(state ? { 'data-state': state } : {}) });
    group.append(s('title', {}, node.kind === 'start' ? `${node.services.join(', ')} starts: ${node.label}` : `${node.label}, emitted by ${node.services.join(', ')}${node.compensation ? ' (a compensation)' : ''}`));
    if (node.kind === 'start') {
      group.append(s('rect', { width: w, height: nh, rx: nh / 2 }));
      const lines = wrap(node.label, 34);
      lines.forEach((line, index) => group.append(s('text', { x: w / 2, y: nh / 2 + (index - (lines.length - 1) / 2) * 12 + 4, class: 'start-label' }, line)));
    } else {
      group.append(s('rect', { width: w, height: nh, rx: 8 }));
      group.append(s('rect', { class: 'service-bar', width: 5, height: nh, rx: 2, fill: serviceColour(node.services[0] ?? '') }));
      group.append(s('text', { x: 14, y: 19, class: 'event-label' }, node.label));
      group.append(s('text', { x: 14, y: 35, class: 'service-label', fill: serviceColour(node.services[0] ?? '') }, node.services.join(', ')));
    }
    const steps = overlay?.steps.get(node.id);
    if (steps && steps.length > 0) {
      const label = steps.join(',');
      const width = Math.max(18, label.length * 7 + 8);
      group.append(s('rect', { class: 'step-badge', x: w - width + 6, y: -8, width, height: 18, rx: 9 }), s('text', { class: 'step-badge-text', x: w - width / 2 + 6, y: 5 }, label));
    }
    if (state === 'awaited' || state === 'missing' || state === 'unexpected') {
      group.append(s('text', { class: `state-tag tag-${state}`, x: w - 8, y: nh - 6 }, state));
    }
    svg.append(group);
  }
  return svg;
}

export function mapLegend(withOverlay: boolean): HTMLElement {
  const item = (className: string, text: string) => {
    const span = document.createElement('span');
    span.className = `legend-item ${className}`;
    span.textContent = text;
    return span;
  };
  const legend = document.createElement('div');
  legend.className = 'legend';
  legend.append(item('legend-forward', 'forward step'), item('legend-compensation', 'compensation'));
  if (withOverlay) legend.append(item('legend-taken', 'taken by this saga (step numbers)'), item('legend-awaited', 'still awaited'), item('legend-departure', 'departure from the map'));
  return legend;
}
