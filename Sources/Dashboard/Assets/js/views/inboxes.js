// Test inboxes: create one, copy its URL to use as a webhook's target, open it to watch requests arrive.
import { api } from '../api.js';
import { el, formatDate, show } from '../dom.js';
import { href, navigate } from '../router.js';
import { inboxUrl } from './inboxUrl.js';

/** The inboxes at /dashboard/inboxes. */
export async function inboxesView(container) {
  const { inboxes, limit } = await api.inboxes();
  const name = el('input', { type: 'text', name: 'name', maxlength: 200, placeholder: 'Inbox' });
  const message = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { class: 'inline', id: 'create-inbox' },
    el('label', {}, 'Name', name), el('button', { type: 'submit' }, 'Create inbox'), message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    try {
      const inbox = await api.createInbox(name.value.trim());
      navigate(href('inboxes', inbox.id));
    } catch (error) {
      message.textContent = error.message;
    }
  });
  const intro = el('p', { class: 'muted' },
    `An inbox keeps the last 100 requests sent to its URL for 7 days (at most ${limit} inboxes). `
      + 'Use its URL as a webhook\'s target to see exactly what your webhooks send, and check their signatures.');
  const list = inboxes.length === 0
    ? el('p', { class: 'muted', id: 'no-inboxes' }, 'No inboxes yet.')
    : el('table', { id: 'inboxes' },
      el('thead', {}, el('tr', {}, ['Name', 'URL', 'Requests', 'Expires'].map((title) => el('th', { scope: 'col' }, title)))),
      el('tbody', {}, inboxes.map((inbox) => el('tr', { 'data-inbox-id': inbox.id },
        el('td', { class: 'name' }, el('a', { href: href('inboxes', inbox.id), 'data-link': true }, inbox.name)),
        el('td', { class: 'url' }, inboxUrl(inbox.url)),
        el('td', { class: 'count' }, inbox.requestCount),
        el('td', {}, formatDate(inbox.expiresAt))))));
  show(container, el('h1', {}, 'Test inboxes'), intro, form, list);
}
