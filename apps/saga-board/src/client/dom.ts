// A few lines instead of a UI library: the board's pages are tables, a form or two and one SVG.

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

function apply(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(element: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : String(child));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  apply(element, attributes);
  append(element, children);
  return element;
}

export function s(tag: string, attributes: Attributes = {}, ...children: Child[]): SVGElement {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  apply(element, attributes);
  append(element, children);
  return element;
}

export function replace(target: Element, ...children: Child[]): void {
  target.replaceChildren();
  append(target, children);
}

/** A link that navigates inside the board without a reload (and still opens in a new tab, or can be copied). */
export function link(href: string, attributes: Attributes, ...children: Child[]): HTMLAnchorElement {
  return h('a', { href, 'data-link': true, ...attributes }, ...children);
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return today ? time : `${date.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${time}`;
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}

export function formatAgo(iso: string | null | undefined, nowMs: number): string {
  if (!iso) return '';
  const ms = nowMs - Date.parse(iso);
  return ms < 0 ? 'just now' : `${formatDuration(ms)} ago`;
}

export function formatMoney(total: number | null): string {
  return total === null ? '—' : total.toLocaleString([], { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

const palette = ['#2563eb', '#0891b2', '#7c3aed', '#db2777', '#ca8a04', '#059669', '#64748b', '#ea580c', '#4f46e5'];
const colours = new Map<string, string>();
/** A stable colour per service, so a service reads the same on the list, the timeline and the map. */
export function serviceColour(service: string): string {
  if (!colours.has(service)) {
    let hash = 0;
    for (const char of service) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    const used = new Set(colours.values());
    let index = hash % palette.length;
    for (let tries = 0; used.has(palette[index]!) && tries < palette.length; tries++) index = (index + 1) % palette.length;
    colours.set(service, palette[index]!);
  }
  return colours.get(service)!;
}

export function serviceTag(service: string): HTMLSpanElement {
  return h('span', { class: 'service', style: `--service:${serviceColour(service)}` }, service);
}

export function statusBadge(status: string, reason?: string): HTMLSpanElement {
  return h('span', { class: `status status-${status.toLowerCase()}` }, status, reason ? h('small', {}, ` ${reason.replaceAll('_', ' ')}`) : null);
}
