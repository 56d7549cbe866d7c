import { countOutcomes, compareNewestFirst, filterFromQuery, isPastHalfDeadline, matchesFilter, type SagaFilter } from '../../sagas/saga-query';
import { sagaStatuses, type OutcomeCounts, type SagaList, type SagaSummary } from '../../sagas/saga-types';
import { getJson, settings } from '../api';
import { formatAgo, formatMoney, formatTime, h, link, replace, serviceTag, shortId, statusBadge } from '../dom';
import { subscribe } from '../live';

const windows: Array<[string, string, number | undefined]> = [
  ['15m', 'last 15 minutes', 15 * 60_000],
  ['1h', 'last hour', 3_600_000],
  ['24h', 'last 24 hours', 86_400_000],
  ['7d', 'last 7 days', 7 * 86_400_000],
  ['all', 'any time', undefined],
];
const defaultWindow = '24h';

interface ListState {
  filter: SagaFilter;
  window: string;
  rows: Map<string, SagaSummary>;
  counts: OutcomeCounts;
  matched: number;
  truncated: boolean;
  /** Orders just pushed, until when they stay highlighted. */
  fresh: Map<string, number>;
}

/** The API's filter: the page's, with the window turned into a start time now. */
function apiFilter(state: ListState): SagaFilter {
  const span = windows.find(([key]) => key === state.window)?.[2];
  return { ...state.filter, ...(span !== undefined && !state.filter.from ? { from: new Date(Date.now() - span).toISOString() } : {}) };
}

function toQuery(filter: SagaFilter, window: string): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
  if (window !== defaultWindow) query.set('window', window);
  const text = query.toString();
  return text ? `?${text}` : '';
}

export function sagasView(root: HTMLElement): () => void {
  const query = new URLSearchParams(location.search);
  const window = windows.some(([key]) => key === query.get('window')) ? query.get('window')! : defaultWindow;
  const state: ListState = { filter: filterFromQuery(query), window, rows: new Map(), counts: countOutcomes([], 0, 1), matched: 0, truncated: false, fresh: new Map() };

  const counters = h('section', { class: 'counters', 'aria-label': 'counts per outcome' });
  const reasons = h('div', { class: 'reasons' });
  const tableBody = h('tbody');
  const note = h('p', { class: 'note' });
  const error = h('p', { class: 'error', hidden: true });

  const search = h('input', { type: 'search', placeholder: 'order id…', value: state.filter.q ?? '', 'aria-label': 'search by order id', name: 'q' });
  const status = h('select', { 'aria-label': 'status', name: 'status' }, h('option', { value: '' }, 'any status'), ...sagaStatuses.map((value) => h('option', { value, selected: state.filter.status === value }, value.toLowerCase())));
  const reason = h('input', { type: 'text', placeholder: 'reason', value: state.filter.reason ?? '', list: 'known-reasons', 'aria-label': 'reason', name: 'reason' });
  const reasonList = h('datalist', { id: 'known-reasons' }, ...['insufficient_stock', 'payment_declined', 'shipping_failed', 'customer_cancelled', 'timed_out'].map((value) => h('option', { value })));
  const customer = h('input', { type: 'text', placeholder: 'customer id', value: state.filter.customerId ?? '', 'aria-label': 'customer', name: 'customerId' });
  const windowSelect = h('select', { 'aria-label': 'started', name: 'window' }, ...windows.map(([key, label]) => h('option', { value: key, selected: key === state.window }, label)));
  const clear = h('button', { type: 'button', class: 'secondary' }, 'clear');

  const applyForm = () => {
    state.filter = filterFromQuery(new URLSearchParams({ q: search.value, status: status.value, reason: reason.value, customerId: customer.value }));
    state.window = windowSelect.value;
    history.replaceState(null, '', `/${toQuery(state.filter, state.window)}`);
    void load();
  };
  let typing: number | undefined;
  for (const input of [search, reason, customer]) input.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(applyForm, 250) as unknown as number;
  });
  for (const select of [status, windowSelect]) select.addEventListener('change', applyForm);
  clear.addEventListener('click', () => {
    search.value = reason.value = customer.value = status.value = '';
    windowSelect.value = defaultWindow;
    applyForm();
  });

  const setFilter = (change: Partial<SagaFilter>) => {
    if ('status' in change) status.value = change.status ?? '';
    if ('reason' in change) reason.value = change.reason ?? '';
    applyForm();
  };

  const renderCounts = () => {
    const { counts } = state;
    const now = Date.now();
    const pastHalf = [...state.rows.values()].filter((saga) => isPastHalfDeadline(saga, now, settings.deadlineMs)).length;
    const card = (label: string, value: number, className: string, onClick?: () => void, active = false) =>
      h('button', { type: 'button', class: `counter ${className}${active ? ' active' : ''}`, onclick: onClick ?? null, 'data-count': className }, h('strong', {}, value), h('span', {}, label));
    replace(
      counters,
      card('sagas', counts.total, 'total', () => setFilter({ status: undefined, reason: undefined }), !state.filter.status && !state.filter.reason),
      ...sagaStatuses.map((value) => card(value.toLowerCase(), counts.byStatus[value], `status-${value.toLowerCase()}`, () => setFilter({ status: value, reason: undefined }), state.filter.status === value)),
      card(`past half their deadline (${Math.round(settings.deadlineMs / 2000)} s)`, pastHalf, 'past-half'),
    );
    const entries = Object.entries(counts.byReason).sort((a, b) => b[1] - a[1]);
    replace(reasons, ...(entries.length ? [h('span', { class: 'muted' }, 'reasons: ')] : []), ...entries.map(([name, count]) =>
      h('button', { type: 'button', class: `chip${state.filter.reason === name ? ' active' : ''}`, onclick: () => setFilter({ reason: state.filter.reason === name ? undefined : name }) }, `${name.replaceAll('_', ' ')} `, h('b', {}, count)),
    ));
  };

  const renderRows = () => {
    const now = Date.now();
    const sagas = [...state.rows.values()].sort(compareNewestFirst);
    replace(
      tableBody,
      ...(sagas.length === 0 ? [h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'No saga matches. Place an order (POST /orders on order-service) or widen the filter.'))] : []),
      ...sagas.map((saga) => {
        const pastHalf = isPastHalfDeadline(saga, now, settings.deadlineMs);
        const age = saga.startedAt ? now - Date.parse(saga.startedAt) : 0;
        return h(
          'tr',
          { class: [pastHalf ? 'past-half' : '', (state.fresh.get(saga.orderId) ?? 0) > now ? 'fresh' : ''].filter(Boolean).join(' '), 'data-order-id': saga.orderId, 'data-status': saga.status },
          h('td', { class: 'mono' }, link(`/sagas/${saga.orderId}`, { title: saga.orderId }, shortId(saga.orderId))),
          h('td', {}, statusBadge(saga.status, saga.reason)),
          h('td', {}, saga.customerId ?? '—'),
          h('td', { class: 'num' }, formatMoney(saga.total)),
          h('td', { title: saga.startedAt ?? '' }, formatTime(saga.startedAt), h('small', { class: 'muted' }, ` ${formatAgo(saga.startedAt, now)}`)),
          h('td', {},
            saga.lastStep ? h('span', {}, serviceTag(saga.lastStep.service), ' ', h('span', { class: 'event' }, saga.lastStep.event)) : '—',
            saga.awaits ? h('div', { class: 'awaits', 'data-awaits': saga.awaits.event }, 'awaits ', h('span', { class: 'event' }, saga.awaits.event), saga.awaits.producers.length ? ` from ${saga.awaits.producers.join(', ')}` : '') : null),
          h('td', { class: 'num' }, saga.steps),
          h('td', {}, saga.status === 'PENDING'
            ? h('span', { class: 'deadline', title: `deadline ${Math.round(settings.deadlineMs / 1000)} s` }, h('span', { class: 'deadline-bar', style: `width:${Math.min(100, (age / settings.deadlineMs) * 100).toFixed(0)}%` }))
            : saga.notified ? h('span', { class: 'muted' }, 'notified') : h('span', { class: 'muted' }, 'not notified yet')),
        );
      }),
    );
    note.textContent = `${state.matched} saga${state.matched === 1 ? '' : 's'}${state.matched > state.rows.size ? `, newest ${state.rows.size} shown` : ''}${state.truncated ? ' · the scan stopped at its bound: narrow the time range for older sagas' : ''} · updates live`;
  };

  const render = () => {
    renderCounts();
    renderRows();
  };

  const load = async () => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(apiFilter(state))) if (value) params.set(key, value);
    try {
      const list = await getJson<SagaList>(`/api/sagas?${params}`);
      state.rows = new Map(list.sagas.map((saga) => [saga.orderId, saga]));
      state.counts = list.counts;
      state.matched = list.matched;
      state.truncated = list.truncated;
      state.fresh.clear();
      error.hidden = true;
      render();
    } catch (failure) {
      error.hidden = false;
      error.textContent = `Could not load the sagas: ${(failure as Error).message}`;
    }
  };

  const onSaga = (saga: SagaSummary) => {
    const previous = state.rows.get(saga.orderId);
    const matches = matchesFilter(saga, apiFilter(state));
    const { counts } = state;
    if (previous) {
      counts.byStatus[previous.status] -= 1;
      if (previous.reason) {
        const left = (counts.byReason[previous.reason] ?? 1) - 1;
        if (left > 0) counts.byReason[previous.reason] = left;
        else delete counts.byReason[previous.reason];
      }
      counts.total -= 1;
      state.matched -= 1;
      state.rows.delete(saga.orderId);
    }
    if (matches) {
      counts.byStatus[saga.status] += 1;
      if (saga.reason) counts.byReason[saga.reason] = (counts.byReason[saga.reason] ?? 0) + 1;
      counts.total += 1;
      state.matched += 1;
      state.rows.set(saga.orderId, saga);
      state.fresh.set(saga.orderId, Date.now() + 1500);
    }
    if (previous || matches) render();
  };

  const unsubscribe = subscribe({ saga: onSaga, resync: () => void load() });
  // Deadlines pass without any event: the highlight and the ages move on a clock, not on the server.
  const tick = setInterval(render, 1000);
  replace(
    root,
    h('div', { class: 'page-head' }, h('h1', {}, 'Sagas'), h('p', { class: 'muted' }, 'Every order saga as order-view has it, newest first. Pushed live from the event archive.')),
    counters,
    reasons,
    h('form', { class: 'filters', onsubmit: (event: Event) => { event.preventDefault(); applyForm(); } }, search, status, reason, reasonList, customer, windowSelect, clear),
    error,
    h('table', { class: 'sagas' }, h('thead', {}, h('tr', {}, ...['order', 'status', 'customer', 'total', 'started', 'last step · awaits', 'steps', 'deadline'].map((title) => h('th', {}, title)))), tableBody),
    note,
  );
  void load();
  return () => {
    unsubscribe();
    clearInterval(tick);
  };
}
