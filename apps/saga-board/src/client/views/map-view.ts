import type { SagaMapModel } from '../../map/map-types';
import { getJson } from '../api';
import { h, replace, serviceTag } from '../dom';
import { mapLegend, renderMap } from '../render-map';

export function mapView(root: HTMLElement): () => void {
  const body = h('div', {}, h('p', { class: 'muted' }, 'loading…'));
  replace(root, h('div', { class: 'page-head' }, h('h1', {}, 'Saga map'), h('p', { class: 'muted' }, 'The whole choreography, drawn from the services’ manifests: each box an event and who emits it, each arrow a service reacting to one event by emitting the next.')), body);
  void getJson<SagaMapModel>('/api/map').then(
    (map) => {
      const kindOf = (kind: string) => h('span', { class: `kind kind-${kind}` }, kind);
      replace(
        body,
        h('div', { class: 'saga-grid' },
          h('section', { class: 'map-panel' }, mapLegend(false), h('div', { class: 'map-scroll' }, renderMap(map))),
          h('div', { class: 'saga-side' },
            h('section', { class: 'explain' }, h('h2', { class: 'first' }, 'Reading the map'),
              h('p', {}, 'Top to bottom, as a saga runs. The left column is the happy path; failures step out beside it; the compensation relay (dashed, orange) runs down the right, undoing in reverse order: refund before release.'),
              h('p', {}, 'Open a saga from the list to see its own path drawn on this map: what it did, what it still awaits, where it departed.')),
            h('section', {}, h('h2', {}, 'Services'), h('ul', { class: 'services' }, ...map.services.map((service) => h('li', {}, serviceTag(service.service), ' ', service.description)))),
          ),
        ),
        h('section', {}, h('h2', {}, 'Every reaction in the manifests'),
          h('table', { class: 'reactions' },
            h('thead', {}, h('tr', {}, ...['hears', 'service', 'kind', 'emits', 'why'].map((title) => h('th', {}, title)))),
            h('tbody', {},
              ...map.edges.map((edge) => h('tr', { class: `row-${edge.kind}` },
                h('td', { class: 'event' }, edge.from.startsWith('start:') ? h('em', {}, edge.why) : edge.from), h('td', {}, serviceTag(edge.service)), h('td', {}, kindOf(edge.kind)), h('td', { class: 'event' }, edge.to), h('td', { class: 'muted' }, edge.kind === 'initiation' ? '' : edge.why))),
              ...map.listeners.map((listener) => h('tr', { class: `row-${listener.kind}` },
                h('td', { class: 'event' }, listener.event), h('td', {}, serviceTag(listener.service)), h('td', {}, kindOf(listener.kind)), h('td', { class: 'muted' }, '—'), h('td', { class: 'muted' }, listener.why))),
            ),
          )),
      );
    },
    (error: Error) => replace(body, h('p', { class: 'error' }, `Could not load the map: ${error.message}`)),
  );
  return () => undefined;
}
