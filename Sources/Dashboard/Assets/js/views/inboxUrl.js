// An inbox's URL as a selectable read-only field with a copy button (the clipboard API, or a selection to copy by hand).
import { el } from '../dom.js';

/** The URL field and its Copy button. */
export function inboxUrl(url) {
  const input = el('input', { class: 'inbox-url', type: 'text', readonly: true, value: url, 'aria-label': 'Inbox URL' });
  const note = el('span', { class: 'muted copy-note', role: 'status' });
  const button = el('button', { type: 'button', class: 'copy' }, 'Copy');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(url);
      note.textContent = 'Copied';
    } catch {
      // No clipboard access (permissions, an insecure origin): select the text so the user can copy it.
      input.focus();
      input.select();
      note.textContent = 'Selected: press Ctrl+C (⌘C) to copy';
    }
  });
  input.addEventListener('focus', () => input.select());
  return el('div', { class: 'url-field' }, input, button, note);
}
