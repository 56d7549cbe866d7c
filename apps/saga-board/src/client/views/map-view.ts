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
        h('section', { class: 'map-panel' }, h('div', { class: 'map-scroll' }, renderMap(map)), mapLegend(false)),
        h('section', {}, h('h2', {}, 'Reactions'),
          h('table', { class: 'reactions' },
            h('thead', {}, h('tr', {}, ...['hears', 'service', 'kind', 'emits', 'why'].map((title) => h('th', {}, title)))),
            h('tbody', {},
              ...map.edges.map((edge) => h('tr', { class: `row-${edge.kind}` },
                h('td', { class: 'event' }, edge.from.startsWith('start:') ? h('em', {}, edge.why) : edge.from), h('td', {}, serviceTag(edge.service)), h('td', {}, kindOf(edge.kind)), h('td', { class: 'event' }, edge.to), h('td', { class: 'muted' }, edge.kind === 'initiation' ? '' : edge.why))),
              ...map.listeners.map((listener) => h('tr', { class: `row-${listener.kind}` },
                h('td', { class: 'event' }, listener.event), h('td', {}, serviceTag(listener.service)), h('td', {}, kindOf(listener.kind)), h('td', { class: 'muted' }, '—'), h('td', { class: 'muted' }, listener.why))),
            ),
          )),
        h('section', {}, h('h2', {}, 'Services'), h('ul', { class: 'services' }, ...map.services.map((service) => h('li', {}, serviceTag(service.service), ' ', service.description)))),
      );
    },
    (error: Error) => replace(body, h('p', { class: 'error' }, `Could not load the map: ${error.message}`)),
  );
  return () => undefined;
}
