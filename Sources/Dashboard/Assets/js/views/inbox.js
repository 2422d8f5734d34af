// One test inbox: its URL, the requests it received (polled every 2 s while the view is open), each with its
// headers and body as text and a form that checks its signature against a secret; and deleting it.
import { api, ApiError } from '../api.js';
import { confirmAction } from '../confirm.js';
import { el, formatDate, pairsTable, show } from '../dom.js';
import { href, navigate } from '../router.js';
import { copyField } from '../copy-field.js';

const pollInterval = 2000;
const schemes = ['standard', 'hmac-sha256', 'hmac-sha256-prefixed', 'timestamped', 'token', 'standard-ed25519'];

/** The inbox at /dashboard/inboxes/{inboxId}. */
export async function inboxView(container, { inboxId }) {
  const inbox = await api.inbox(inboxId);
  const first = await api.inboxRequests(inboxId);
  const list = el('ol', { class: 'inbox-requests', id: 'requests' }, first.requests.map((item) => requestCard(inboxId, item)));
  const empty = el('p', { class: 'muted', id: 'no-requests', hidden: first.requests.length > 0 },
    'Nothing received yet: send a request to the URL above, or make it a webhook\'s URL and send a test.');
  const status = el('p', { class: 'muted', id: 'poll-status', role: 'status' }, 'Watching for new requests…');
  const root = el('div', { class: 'inbox' },
    el('p', {}, el('a', { href: href('inboxes'), 'data-link': true }, 'All inboxes')),
    el('h1', {}, inbox.name),
    copyField(inbox.url, { class: 'inbox-url', 'aria-label': 'Inbox URL' }),
    el('p', { class: 'muted' }, `Created ${formatDate(inbox.createdAt)} · expires ${formatDate(inbox.expiresAt)}`),
    deleteControl(inboxId),
    el('h2', {}, 'Requests'), status, empty, list);
  show(container, root);

  // Polls while this view is on the page: leaving it (another view replaces it) ends the loop.
  let cursor = first.cursor;
  const poll = async () => {
    if (!root.isConnected) return;
    try {
      const page = await api.inboxRequests(inboxId, cursor);
      cursor = page.cursor;
      for (const item of [...page.requests].reverse()) list.prepend(requestCard(inboxId, item));
      while (list.children.length > 100) list.lastElementChild.remove();
      empty.hidden = list.children.length > 0;
      status.textContent = 'Watching for new requests…';
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        status.textContent = 'This inbox no longer exists (deleted or expired).';
        return;
      }
      status.textContent = `Could not refresh: ${error.message}`;
    }
    if (root.isConnected) setTimeout(poll, pollInterval);
  };
  setTimeout(poll, pollInterval);
}

/** "Delete inbox", asked again in the page's own dialog. */
function deleteControl(inboxId) {
  const message = el('span', { class: 'error', role: 'alert' });
  const remove = el('button', { type: 'button', class: 'danger', id: 'delete-inbox' }, 'Delete inbox');
  remove.addEventListener('click', async () => {
    message.textContent = '';
    const sure = await confirmAction('Delete this inbox?',
      'Its URL stops receiving at once and every request it kept goes with it. This cannot be undone.', 'Delete inbox');
    if (!sure) return;
    try {
      await api.deleteInbox(inboxId);
      navigate(href('inboxes'), { replace: true });
    } catch (error) {
      message.textContent = error.message;
    }
  });
  return el('p', { class: 'actions' }, remove, ' ', message);
}

/** One received request: method, path, time, size; its headers as a table, its body as text; the verify form. */
function requestCard(inboxId, item) {
  const target = item.query ? `${item.path}?${item.query}` : item.path;
  return el('li', { class: 'card inbox-request', 'data-request-id': item.id },
    el('h3', {}, el('span', { class: 'method' }, item.method), ' ', el('code', { class: 'target' }, target)),
    el('p', { class: 'muted' }, `${formatDate(item.receivedAt)} · ${item.size} bytes`,
      item.truncated ? ' · cut to the first 64 KiB of the body and 100 headers' : ''),
    el('h4', {}, 'Headers'), pairsTable(item.headers),
    el('h4', {}, item.bodyEncoding === 'base64' ? 'Body (not UTF-8, shown as base64)' : 'Body'),
    el('pre', { class: 'request-body' }, bodyText(item)),
    verifyForm(inboxId, item.id));
}

/** The body as text: pretty JSON when it is JSON, else as received. */
function bodyText(item) {
  if (item.bodyEncoding !== 'utf8') return item.body;
  if (item.body === '') return '(empty)';
  try {
    return JSON.stringify(JSON.parse(item.body), null, 2);
  } catch {
    return item.body;
  }
}

/** "Verify signature": a secret (never kept) and a scheme, answered per scheme. */
function verifyForm(inboxId, requestId) {
  const secret = el('input', { type: 'password', name: 'secret', autocomplete: 'off', required: true,
    placeholder: 'whsec_…', 'aria-label': 'Webhook secret' });
  const scheme = el('select', { name: 'scheme', 'aria-label': 'Signature scheme' },
    el('option', { value: '' }, 'Every scheme'), schemes.map((name) => el('option', { value: name }, name)));
  const results = el('ul', { class: 'verify-results' });
  const form = el('form', { class: 'inline verify' },
    el('label', {}, 'Secret', secret), el('label', {}, 'Scheme', scheme),
    el('button', { type: 'submit' }, 'Verify signature'), results);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    results.replaceChildren();
    try {
      const answer = await api.verifyInboxRequest(inboxId, requestId, secret.value, scheme.value || undefined);
      results.replaceChildren(...answer.results.map((result) => el('li', {
        class: result.verified ? 'status-succeeded' : 'status-failed', 'data-scheme': result.scheme,
        'data-verified': String(result.verified),
      }, `${result.scheme}: ${result.verified ? 'verified' : 'not verified'} (${result.detail})`)));
    } catch (error) {
      results.replaceChildren(el('li', { class: 'error' }, error.message));
    }
  });
  return form;
}
