import { h } from './dom';

/** A confirmation that names exactly what will be touched; resolves true only on the explicit button. */
export function confirmAction(title: string, explanation: string, ids: readonly string[], confirmLabel: string, danger: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm' });
    const done = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    dialog.append(
      h('h2', {}, title),
      h('p', {}, explanation),
      h('ul', { class: 'ids' }, ...ids.slice(0, 20).map((id) => h('li', { class: 'mono' }, id)), ids.length > 20 ? h('li', {}, `… and ${ids.length - 20} more`) : null),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => done(false) }, 'Cancel'),
        h('button', { type: 'button', class: danger ? 'danger' : '', 'data-confirm': true, onclick: () => done(true) }, confirmLabel)),
    );
    dialog.addEventListener('cancel', () => done(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}
