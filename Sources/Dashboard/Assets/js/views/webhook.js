// One webhook: its settings as the API shows them (masked headers stay masked), its status and counters, and its
// delivery log with filters in the URL's query string and "load more" through the API's cursor.
import { api } from '../api.js';
import { el, formatDate, pairsTable, show } from '../dom.js';
import { href, navigate } from '../router.js';
import { replayForm, webhookActions } from './webhook-actions.js';
import { webhookCharts } from './webhook-charts.js';
import { readTimeFilter, timeFields, timeQuery } from './time-filter.js';

const statuses = ['pending', 'succeeded', 'failed'];

/** The webhook at /dashboard/chatbots/{chatbotId}/webhooks/{webhookId}[?status=&eventType=]. */
export async function webhookView(container, { chatbotId, webhookId }, context) {
  const query = new URLSearchParams(location.search);
  const time = readTimeFilter(query);
  const filters = { status: query.get('status') || '', eventType: query.get('eventType') || '', ...timeQuery(time) };
  const [{ webhook }, page] = await Promise.all([
    api.webhook(chatbotId, webhookId),
    // A filter the API refuses is shown in the log's place, not as a failed page.
    fillPage(chatbotId, webhookId, filters, null).catch((error) => {
      if (error.status === 401) throw error;
      return { error };
    }),
  ]);
  const reason = webhook.status === 'suspended' || webhook.status === 'disabled' ? webhook.disabledReason : null;
  show(container,
    el('p', {}, el('a', { href: href('chatbots', chatbotId, 'webhooks'), 'data-link': true }, 'All webhooks')),
    el('h1', { id: 'webhook-name' }, webhook.name),
    el('p', { id: 'webhook-status', class: `status status-${webhook.status}` }, webhook.status,
      reason && el('span', { class: 'reason' }, reason)),
    webhookActions(chatbotId, webhook, context),
    settings(webhook),
    webhookCharts(chatbotId, webhookId),
    el('h2', {}, 'Deliveries'),
    filterForm(filters, time),
    context.hasWebhooks() && replayForm(chatbotId, webhookId),
    log(chatbotId, webhookId, filters, page));
}

function settings(webhook) {
  const schedule = webhook.retrySchedule && webhook.retrySchedule.length > 0
    ? `schedule ${webhook.retrySchedule.map((delay) => `${delay} ms`).join(', ')}`
    : `backoff from ${webhook.retryDelay} ms`;
  const headers = Object.entries(webhook.headers || {});
  const rows = [
    ['URL', webhook.url],
    ['Events', el('ul', { class: 'events' }, webhook.eventTypes.map((type) => el('li', {}, type)))],
    ['Payload format', webhook.payloadFormat],
    ['Signature scheme', webhook.signatureScheme],
    // standard-ed25519: the public key receivers verify with (the private key is never shown).
    ...(webhook.publicKey ? [['Public key', el('code', { id: 'webhook-public-key' }, webhook.publicKey)]] : []),
    ['Retries', `${webhook.maxRetries} (${schedule})`],
    ['Timeout', `${webhook.timeout} ms`],
    ['Concurrency', `${webhook.maxConcurrency} at a time`],
    ['Ordering', webhook.ordering === 'fifo' ? 'fifo: one at a time, in publish order' : 'concurrent'],
    ['Rate limit', webhook.rateLimit == null ? 'none' : `${webhook.rateLimit} requests per second`],
    ['Custom headers', headers.length === 0 ? el('span', { class: 'muted' }, 'none')
      : pairsTable(headers)],
    ['Succeeded', webhook.successCount],
    ['Failed', webhook.failureCount],
    ['Last triggered', formatDate(webhook.lastTriggeredAt)],
    ['Last success', formatDate(webhook.lastSuccessAt)],
    ['Last failure', formatDate(webhook.lastFailureAt)],
    ['Created', formatDate(webhook.createdAt)],
  ];
  return el('dl', { class: 'fields', id: 'webhook-settings' },
    rows.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
}

/** The filters: submitting puts them in the URL's query string (a history entry), which the view reads. */
function filterForm(filters, time) {
  const status = el('select', { name: 'status' },
    el('option', { value: '' }, 'any status'),
    statuses.map((value) => el('option', { value, selected: value === filters.status }, value)));
  const eventType = el('input', { name: 'eventType', value: filters.eventType, placeholder: 'e.g. lead.created' });
  const times = timeFields(time);
  const form = el('form', { class: 'filters', id: 'delivery-filters' },
    el('label', {}, 'Status', status),
    el('label', {}, 'Event type', eventType),
    times.element,
    el('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const search = new URLSearchParams([...Object.entries({ status: status.value, eventType: eventType.value.trim() }),
      ...times.entries()].filter(([, value]) => value)).toString();
    navigate(location.pathname + (search ? `?${search}` : ''));
  });
  return form;
}

/** Pages searched at most for one page with a delivery in it. */
const searchedPages = 10;

/**
 * The page after `cursor`, followed while it comes back empty but not last: a page of `succeeded` (or of `pending`
 * of one type) reads a bounded stretch of the log, so on a webhook that mostly fails it can hold nothing yet not be
 * the last. After `searchedPages` empty pages the empty answer is shown with its cursor ("Search older").
 */
async function fillPage(chatbotId, webhookId, filters, cursor) {
  let page = await api.deliveries(chatbotId, webhookId, { ...filters, cursor });
  for (let asked = 1; page.deliveries.length === 0 && page.nextCursor && asked < searchedPages; asked += 1) {
    page = await api.deliveries(chatbotId, webhookId, { ...filters, cursor: page.nextCursor });
  }
  return page;
}

function log(chatbotId, webhookId, filters, first) {
  if (first.error) {
    return el('p', { class: 'error', role: 'alert', id: 'deliveries-error' }, `The log could not be filtered: ${first.error.message}`);
  }
  if (first.deliveries.length === 0 && !first.nextCursor) {
    return el('p', { class: 'muted', id: 'deliveries-empty' }, 'No deliveries.');
  }
  const body = el('tbody', {});
  const header = el('tr', {}, ['Event', 'Status', 'Attempts', 'Last status code', 'Created', 'Completed']
    .map((title) => el('th', { scope: 'col' }, title)));
  const more = el('button', { type: 'button', id: 'load-more' }, 'Load more');
  const message = el('p', { class: 'error', role: 'alert' });
  const searching = el('p', { class: 'muted', id: 'deliveries-searching' },
    'No matching deliveries among the most recent ones searched.');
  let cursor = null;
  const append = (page) => {
    body.append(...page.deliveries.map((delivery) => deliveryRow(chatbotId, webhookId, delivery)));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    const nothingYet = body.childElementCount === 0;
    more.textContent = nothingYet ? 'Search older deliveries' : 'Load more';
    searching.hidden = !(nothingYet && cursor);
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    message.textContent = '';
    try {
      append(await fillPage(chatbotId, webhookId, filters, cursor));
    } catch (error) {
      message.textContent = error.message;
    } finally {
      more.disabled = false;
    }
  });
  append(first);
  return el('div', {}, searching, el('table', { id: 'deliveries' }, el('thead', {}, header), body), more, message);
}

function deliveryRow(chatbotId, webhookId, delivery) {
  return el('tr', { 'data-delivery-id': delivery.id },
    el('td', { class: 'event' }, el('a', {
      href: href('chatbots', chatbotId, 'webhooks', webhookId, 'deliveries', delivery.id), 'data-link': true,
    }, delivery.event), delivery.isTest && el('span', { class: 'reason' }, 'test send')),
    el('td', { class: `status status-${delivery.status}` }, delivery.status),
    el('td', { class: 'count' }, delivery.attemptCount),
    el('td', { class: 'count' }, delivery.lastStatusCode ?? '—'),
    el('td', {}, formatDate(delivery.createdAt)),
    el('td', {}, delivery.completedAt ? formatDate(delivery.completedAt) : '—'));
}
