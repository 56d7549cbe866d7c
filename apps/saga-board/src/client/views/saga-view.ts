import type { SagaMapModel } from '../../map/map-types';
import type { SagaDetail } from '../../sagas/saga-types';
import { ApiError, getJson } from '../api';
import { formatDuration, formatMoney, formatTime, h, link, replace, serviceTag, statusBadge } from '../dom';
import { subscribe } from '../live';
import { mapLegend, renderMap, type MapOverlay } from '../render-map';

/** Which map node each step and absence lights up. */
export function overlayOf(detail: SagaDetail): MapOverlay {
  const states: MapOverlay['states'] = new Map();
  const steps: MapOverlay['steps'] = new Map();
  detail.timeline.forEach((row, index) => {
    steps.set(row.event, [...(steps.get(row.event) ?? []), index + 1]);
    const state = row.outcome === 'ok' ? 'taken' : 'unexpected';
    if (states.get(row.event) !== 'unexpected') states.set(row.event, state);
  });
  for (const step of detail.awaited) if (!states.has(step.event)) states.set(step.event, 'awaited');
  for (const step of detail.missing) if (!states.has(step.event)) states.set(step.event, 'missing');
  return { states, steps };
}

export function sagaView(root: HTMLElement, orderId: string): () => void {
  let map: SagaMapModel | undefined;
  const body = h('div', { class: 'saga' }, h('p', { class: 'muted' }, 'loading…'));
  replace(root, h('div', { class: 'page-head' }, h('p', { class: 'crumbs' }, link('/', {}, '← all sagas')), h('h1', { class: 'mono' }, orderId)), body);

  const render = (detail: SagaDetail) => {
    const { saga } = detail;
    const now = Date.parse(detail.now);
    const age = saga.startedAt ? now - Date.parse(saga.startedAt) : undefined;
    const verdictClass = detail.departures > 0 ? 'verdict-departs' : detail.awaited.length > 0 ? 'verdict-running' : 'verdict-ok';
    const fact = (label: string, ...value: Array<Node | string>) => h('div', { class: 'fact' }, h('span', { class: 'muted' }, label), h('strong', {}, ...value));
    const absentList = (title: string, className: string, steps: SagaDetail['awaited'], explain: string) =>
      steps.length === 0 ? null : h('section', { class: `absent ${className}` }, h('h3', {}, title), h('p', { class: 'muted' }, explain),
        h('ul', {}, ...steps.map((step) => h('li', { 'data-event': step.event }, h('span', { class: 'event' }, step.event), ' from ', ...step.producers.flatMap((producer) => [serviceTag(producer), ' ']))))); 
    replace(
      body,
      h('div', { class: `verdict ${verdictClass}`, 'data-verdict': verdictClass }, statusBadge(saga.status, saga.reason), h('span', {}, detail.verdict)),
      h('div', { class: 'facts' },
        fact('customer', saga.customerId ?? '—'),
        fact('total', formatMoney(saga.total)),
        fact('items', detail.items.map((item) => `${item.quantity}× ${item.sku}`).join(', ') || '—'),
        fact('started', formatTime(saga.startedAt)),
        fact(saga.status === 'PENDING' ? 'running for' : 'took', formatDuration(saga.status === 'PENDING' ? age : detail.timeline.at(-1)?.sinceStartMs)),
        fact('deadline', `${Math.round(detail.deadlineMs / 1000)} s`, detail.pastHalfDeadline ? h('em', { class: 'warn' }, ' past half') : ''),
        detail.traceUrl ? fact('trace', h('a', { href: detail.traceUrl, target: '_blank', rel: 'noopener' }, 'open in Jaeger ↗')) : fact('trace', h('span', { class: 'muted' }, 'set JAEGER_URL for a link')),
      ),
      h('div', { class: 'saga-grid' },
      h('section', { class: 'map-panel' }, h('h2', {}, 'Path on the saga map'), mapLegend(true), map ? h('div', { class: 'map-scroll' }, renderMap(map, overlayOf(detail))) : h('p', { class: 'muted' }, 'map unavailable')),
      h('div', { class: 'saga-side' },
      absentList('Still awaited', 'awaited', detail.awaited, 'The map says these come next; nothing is wrong yet.'),
      absentList('Missing', 'missing', detail.missing, 'Required by the map’s path and not observed: a departure, as `troupe inspect` reports it.'),
      absentList('Not observable here', 'unobserved', detail.unobserved, 'order-view does not record these; traces would (JAEGER_URL).'),
      h('section', {}, h('h2', {}, 'Timeline'),
        h('div', { class: 'table-scroll' }, h('table', { class: 'timeline' },
          h('thead', {}, h('tr', {}, ...['#', 'time', 'since previous', 'since start', 'service', 'event', 'on the map'].map((title) => h('th', {}, title)))),
          h('tbody', {}, ...detail.timeline.map((row, index) =>
            h('tr', { class: `outcome-${row.outcome}`, 'data-event': row.event },
              h('td', { class: 'num' }, index + 1),
              h('td', { title: row.at }, formatTime(row.at)),
              h('td', { class: 'num' }, row.sincePreviousMs === undefined ? '—' : `+${formatDuration(row.sincePreviousMs)}`),
              h('td', { class: 'num' }, formatDuration(row.sinceStartMs)),
              h('td', {}, serviceTag(row.service)),
              h('td', { class: 'event' }, row.event),
              h('td', {}, row.outcome === 'ok' ? h('span', { class: 'ok' }, 'ok') : h('span', { class: 'flag' }, `${row.outcome.toUpperCase()}${row.note ? `: ${row.note}` : ''}`)),
            ))),
        )),
      ),
      )),
    );
  };

  const load = async () => {
    try {
      map ??= await getJson<SagaMapModel>('/api/map');
      render(await getJson<SagaDetail>(`/api/sagas/${encodeURIComponent(orderId)}`));
    } catch (error) {
      replace(body, h('p', { class: 'error' }, error instanceof ApiError && error.status === 404 ? `Order ${orderId} is not in order-view (yet). This page updates when its first event arrives.` : `Could not load the saga: ${(error as Error).message}`));
    }
  };
  const unsubscribe = subscribe({ saga: (saga) => saga.orderId === orderId && void load(), resync: () => void load() });
  void load();
  return unsubscribe;
}
