// A value to copy (a secret, an inbox's or a portal's URL): a read-only field and a Copy button. Where the browser
// refuses the clipboard (an insecure origin, no permission) the text is selected for the person to copy by hand.
import { el } from './dom.js';

/** The field and its button; `attributes` go on the input (an id, a class, an aria-label). */
export function copyField(value, attributes = {}) {
  const input = el('input', { type: 'text', readonly: true, value, spellcheck: 'false', ...attributes });
  const note = el('span', { class: 'muted copy-note', role: 'status' });
  const button = el('button', { type: 'button', class: 'copy' }, 'Copy');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(value);
      note.textContent = 'Copied';
    } catch {
      input.focus();
      input.select();
      note.textContent = 'Selected: press Ctrl+C (⌘C) to copy';
    }
  });
  input.addEventListener('focus', () => input.select());
  return el('div', { class: 'copy-field' }, input, button, note);
}
