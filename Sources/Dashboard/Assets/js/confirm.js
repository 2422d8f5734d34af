// Asking before something that cannot be undone, in a <dialog> of the page's own (window.confirm would block the
// page and cannot be styled or tested like the rest).
import { el } from './dom.js';

/** Resolves true when the person confirms, false when they cancel (the button, Escape or a click outside). */
export function confirmAction(title, text, confirmLabel) {
  return new Promise((resolve) => {
    const ok = el('button', { type: 'submit', value: 'ok', class: 'danger', id: 'confirm-ok' }, confirmLabel);
    const cancel = el('button', { type: 'submit', value: 'cancel', class: 'secondary', id: 'confirm-cancel' }, 'Cancel');
    const dialog = el('dialog', { class: 'confirm', id: 'confirm-dialog' },
      el('form', { method: 'dialog' }, el('h2', {}, title), el('p', {}, text), el('div', { class: 'actions' }, cancel, ok)));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ok');
    });
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) dialog.close('cancel');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
