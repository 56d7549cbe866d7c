import { ApiError, getJson, postJson, settings } from '../api';
import { confirmAction } from '../confirm';
import { formatTime, h, link, replace, serviceTag } from '../dom';

interface Overview {
  services: Array<{ service: string; queue: string; missing: boolean; count: number; reasons: Array<{ reason: string; count: number }> }>;
}
interface LetterSummary {
  messageId: string;
  type: string;
  failedAt: string;
  error: string;
  reason: string;
  originalQueue: string;
}
interface LetterList {
  service: string;
  queue: string;
  missing: boolean;
  count: number;
  letters: LetterSummary[];
}
interface LetterDetail {
  summary: LetterSummary;
  properties: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: string;
  validation: { valid: true } | { valid: false; reason: string; errors: string[] };
  replay: { ok: true; queue: string } | { ok: false; reason: string };
}
interface ActionOutcome {
  action: 'replay' | 'purge';
  replayed?: string[];
  kept?: Array<{ messageId: string; reason: string }>;
  purged?: string[];
  notFound: string[];
}

const tokenKey = 'troupe-saga-board-admin-token';

export function deadLettersOverview(root: HTMLElement): () => void {
  const body = h('div', {}, h('p', { class: 'muted' }, 'reading every DLQ…'));
  replace(root, h('div', { class: 'page-head' }, h('h1', {}, 'Dead letters'), h('p', { class: 'muted' }, 'Per service: what could not be processed, and why. Read through the DLQ tool (each queue held for a moment, then returned).')), body);
  void getJson<Overview>('/api/dead-letters').then(
    ({ services }) =>
      replace(body, h('table', { class: 'dlq-overview' },
        h('thead', {}, h('tr', {}, ...['service', 'letters', 'reasons', 'queue'].map((title) => h('th', {}, title)))),
        h('tbody', {}, ...services.map((row) =>
          h('tr', { class: row.count > 0 ? 'has-letters' : '', 'data-service': row.service },
            h('td', {}, link(`/dead-letters/${row.service}`, {}, serviceTag(row.service))),
            h('td', { class: 'num' }, row.missing ? h('span', { class: 'muted' }, 'no DLQ yet') : h('strong', { 'data-count': row.count }, row.count)),
            h('td', {}, ...row.reasons.map((reason) => h('span', { class: 'chip' }, `${reason.reason} `, h('b', {}, reason.count)))),
            h('td', { class: 'mono muted' }, row.queue),
          ))),
      )),
    (error: Error) => replace(body, h('p', { class: 'error' }, `Could not read the DLQs: ${error.message}`)),
  );
  return () => undefined;
}

export function deadLettersOfService(root: HTMLElement, service: string): () => void {
  const selected = new Set<string>();
  const listBox = h('div', {});
  const detailBox = h('aside', { class: 'letter-detail', hidden: true });
  const outcomeBox = h('div', { class: 'outcome', hidden: true, role: 'status' });
  const token = h('input', { type: 'password', placeholder: 'ADMIN_TOKEN', value: sessionStorage.getItem(tokenKey) ?? '', autocomplete: 'off', 'aria-label': 'admin token' });
  token.addEventListener('change', () => sessionStorage.setItem(tokenKey, token.value));
  const replayButton = h('button', { type: 'button', disabled: true }, 'Replay selected');
  const purgeButton = h('button', { type: 'button', class: 'danger', disabled: true }, 'Purge selected');
  let letters: LetterSummary[] = [];

  const updateButtons = () => {
    const off = !settings.adminConfigured || selected.size === 0;
    replayButton.disabled = purgeButton.disabled = off;
    replayButton.textContent = `Replay selected (${selected.size})`;
    purgeButton.textContent = `Purge selected (${selected.size})`;
  };

  const act = async (action: 'replay' | 'purge', ids: string[]) => {
    const verb = action === 'replay' ? 'Replay' : 'Purge';
    const explanation =
      action === 'replay'
        ? `Each letter is re-validated against today's contracts and put back on ${service}'s own queue for its event (no other service gets a copy), paced, and removed from the DLQ only once the broker confirmed the copy. Safe to repeat: ${service}'s inbox ignores an event it already processed. Invalid or misdirected letters stay.`
        : `Purged letters are gone for good. Look at them first (click a row).`;
    if (!(await confirmAction(`${verb} ${ids.length} letter${ids.length === 1 ? '' : 's'} of ${service}?`, explanation, ids, `${verb} ${ids.length}`, action === 'purge'))) return;
    sessionStorage.setItem(tokenKey, token.value);
    outcomeBox.hidden = false;
    outcomeBox.className = 'outcome';
    outcomeBox.textContent = `${action === 'replay' ? 'replaying' : 'purging'}…`;
    try {
      const outcome = await postJson<ActionOutcome>(`/api/dead-letters/${service}/${action}`, { messageIds: ids }, token.value);
      const lines: Array<HTMLElement> = [];
      if (outcome.replayed) lines.push(h('p', { 'data-outcome': 'replayed' }, h('strong', {}, `Replayed ${outcome.replayed.length}`), outcome.replayed.length ? `: ${outcome.replayed.join(', ')}` : ''));
      for (const kept of outcome.kept ?? []) lines.push(h('p', { class: 'warn', 'data-outcome': 'kept' }, h('strong', {}, `Kept ${kept.messageId}: `), kept.reason));
      if (outcome.purged) lines.push(h('p', { 'data-outcome': 'purged' }, h('strong', {}, `Purged ${outcome.purged.length}`), outcome.purged.length ? `: ${outcome.purged.join(', ')}` : ''));
      if (outcome.notFound.length) lines.push(h('p', { class: 'muted' }, `Not in the DLQ any more: ${outcome.notFound.join(', ')}`));
      outcomeBox.className = `outcome ${(outcome.kept?.length ?? 0) > 0 ? 'outcome-partial' : 'outcome-done'}`;
      replace(outcomeBox, ...lines);
      selected.clear();
      detailBox.hidden = true;
      await load();
    } catch (error) {
      outcomeBox.className = 'outcome outcome-failed';
      const status = error instanceof ApiError ? error.status : 0;
      outcomeBox.textContent = status === 401 || status === 403 ? `Refused (${status}): enter the board's ADMIN_TOKEN above. ${(error as Error).message}` : `Failed: ${(error as Error).message}`;
    }
  };
  replayButton.addEventListener('click', () => void act('replay', [...selected]));
  purgeButton.addEventListener('click', () => void act('purge', [...selected]));

  const show = async (messageId: string) => {
    detailBox.hidden = false;
    replace(detailBox, h('p', { class: 'muted' }, 'loading…'));
    history.replaceState(null, '', `/dead-letters/${service}?letter=${encodeURIComponent(messageId)}`);
    for (const row of listBox.querySelectorAll<HTMLElement>('tr.letter')) row.classList.toggle('shown', row.dataset.messageId === messageId);
    try {
      const { letters: copies } = await getJson<{ letters: LetterDetail[] }>(`/api/dead-letters/${service}/letters/${encodeURIComponent(messageId)}`);
      const detail = copies[0]!;
      const table = (entries: Record<string, unknown>) =>
        h('table', { class: 'kv' }, h('tbody', {}, ...Object.keys(entries).sort().map((key) => h('tr', {}, h('th', {}, key), h('td', { class: 'mono' }, typeof entries[key] === 'object' ? JSON.stringify(entries[key]) : String(entries[key]))))));
      replace(
        detailBox,
        h('div', { class: 'detail-head' }, h('h2', { class: 'mono' }, messageId), h('button', { type: 'button', class: 'secondary', onclick: () => { detailBox.hidden = true; history.replaceState(null, '', `/dead-letters/${service}`); } }, 'close')),
        copies.length > 1 ? h('p', { class: 'muted' }, `${copies.length} copies with this id (at-least-once dead-lettering); replay or purge acts on all of them.`) : null,
        h('p', {}, h('strong', {}, detail.summary.reason || 'no reason recorded'), ` — ${detail.summary.error}`),
        detail.validation.valid
          ? h('p', { class: 'ok', 'data-validation': 'valid' }, '✓ valid against today’s contracts')
          : h('div', { class: 'flag', 'data-validation': 'invalid' }, h('strong', {}, `✗ invalid: ${detail.validation.reason}`), h('ul', {}, ...detail.validation.errors.map((line) => h('li', { class: 'mono' }, line)))),
        detail.replay.ok ? h('p', { class: 'muted' }, `A replay puts it back on ${detail.replay.queue}.`) : h('p', { class: 'warn' }, `A replay would keep it: ${detail.replay.reason}`),
        h('div', { class: 'actions' },
          h('button', { type: 'button', disabled: !settings.adminConfigured, onclick: () => void act('replay', [messageId]) }, 'Replay this letter'),
          h('button', { type: 'button', class: 'danger', disabled: !settings.adminConfigured, onclick: () => void act('purge', [messageId]) }, 'Purge this letter')),
        h('h3', {}, 'Properties'), table(detail.properties),
        h('h3', {}, 'Headers'), table(detail.headers),
        h('h3', {}, 'Body'), h('pre', { class: 'body' }, detail.body),
      );
    } catch (error) {
      replace(detailBox, h('p', { class: 'error' }, (error as Error).message));
    }
  };

  const load = async () => {
    try {
      const list = await getJson<LetterList>(`/api/dead-letters/${service}`);
      letters = list.letters;
      for (const id of [...selected]) if (!letters.some((letter) => letter.messageId === id)) selected.delete(id);
      const all = h('input', { type: 'checkbox', 'aria-label': 'select all', checked: letters.length > 0 && selected.size === letters.length });
      all.addEventListener('change', () => {
        for (const letter of letters) if (all.checked) selected.add(letter.messageId);
        else selected.delete(letter.messageId);
        void load();
      });
      replace(
        listBox,
        h('p', { class: 'dlq-count' }, list.missing ? `${list.queue} does not exist yet: ${service} has not run against this broker.` : h('span', {}, h('strong', { 'data-count': list.count }, list.count), ` letter${list.count === 1 ? '' : 's'} in `, h('span', { class: 'mono' }, list.queue))),
        letters.length === 0 ? null : h('table', { class: 'letters' },
          h('thead', {}, h('tr', {}, h('th', {}, all), ...['message id', 'event', 'failed at', 'reason', 'error'].map((title) => h('th', {}, title)))),
          h('tbody', {}, ...letters.map((letter) => {
            const box = h('input', { type: 'checkbox', 'aria-label': `select ${letter.messageId}`, checked: selected.has(letter.messageId) });
            box.addEventListener('click', (event) => event.stopPropagation());
            box.addEventListener('change', () => {
              if (box.checked) selected.add(letter.messageId);
              else selected.delete(letter.messageId);
              updateButtons();
            });
            return h('tr', { class: 'letter', 'data-message-id': letter.messageId, onclick: () => void show(letter.messageId) },
              h('td', {}, box), h('td', { class: 'mono' }, letter.messageId), h('td', { class: 'event' }, letter.type), h('td', {}, formatTime(letter.failedAt)),
              h('td', {}, h('span', { class: 'chip' }, letter.reason || '—')), h('td', { class: 'error-text' }, letter.error));
          })),
        ),
      );
      updateButtons();
    } catch (error) {
      replace(listBox, h('p', { class: 'error' }, `Could not read ${service}'s DLQ: ${(error as Error).message}`));
    }
  };

  replace(
    root,
    h('div', { class: 'page-head' }, h('p', { class: 'crumbs' }, link('/dead-letters', {}, '← every service')), h('h1', {}, 'Dead letters of ', serviceTag(service))),
    h('div', { class: 'toolbar' },
      settings.adminConfigured ? token : h('span', { class: 'warn' }, 'Replay and purge are off: the board has no ADMIN_TOKEN.'),
      replayButton, purgeButton,
      h('button', { type: 'button', class: 'secondary', onclick: () => void load() }, 'Refresh')),
    outcomeBox,
    h('div', { class: 'dlq-layout' }, listBox, detailBox),
  );
  void load().then(() => {
    const letter = new URLSearchParams(location.search).get('letter');
    if (letter) void show(letter);
  });
  return () => undefined;
}
