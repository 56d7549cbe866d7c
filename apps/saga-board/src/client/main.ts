import './board.css';
import { connectLive } from './live';
import { deadLettersOfService, deadLettersOverview } from './views/dead-letters-view';
import { mapView } from './views/map-view';
import { sagaView } from './views/saga-view';
import { sagasView } from './views/sagas-view';

const root = document.getElementById('app')!;
let leave: () => void = () => undefined;

/** Every view is a path (a link to share); the server answers each with this page, and this picks the view. */
function route(): void {
  leave();
  const path = decodeURIComponent(location.pathname);
  const saga = /^\/sagas\/([^/]+)$/.exec(path);
  const letters = /^\/dead-letters\/([^/]+)$/.exec(path);
  const section = saga ? 'sagas' : path.startsWith('/dead-letters') ? 'dead-letters' : path === '/map' ? 'map' : 'sagas';
  for (const anchor of document.querySelectorAll<HTMLAnchorElement>('nav a')) anchor.classList.toggle('active', anchor.dataset.nav === section);
  if (saga) leave = sagaView(root, saga[1]!);
  else if (letters) leave = deadLettersOfService(root, letters[1]!);
  else if (path === '/dead-letters') leave = deadLettersOverview(root);
  else if (path === '/map') leave = mapView(root);
  else leave = sagasView(root);
  const heading = root.querySelector('h1')?.textContent;
  if (heading) document.title = `${heading} · Troupe saga board`;
}

document.addEventListener('click', (event) => {
  const anchor = (event.target as Element).closest?.('a');
  if (!anchor || anchor.target || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || !(anchor.hasAttribute('data-link') || anchor.closest('nav, .brand'))) return;
  event.preventDefault();
  history.pushState(null, '', url.pathname + url.search);
  route();
});
window.addEventListener('popstate', route);
connectLive(document.getElementById('live')!);
route();
