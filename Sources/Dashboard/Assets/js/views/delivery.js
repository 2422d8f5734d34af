// One delivery, its event's data and each of its attempts: the outcome, the answer's excerpt and the request as sent, all as text.
import { api } from '../api.js';
import { el, formatDate, pairsTable, show } from '../dom.js';
import { failureText } from '../failure.js';
import { href, navigate } from '../router.js';

/** The delivery at /dashboard/chatbots/{chatbotId}/webhooks/{webhookId}/deliveries/{deliveryId}. */
export async function deliveryView(container, { chatbotId, webhookId, deliveryId }, context) {
  const { delivery } = await api.delivery(chatbotId, webhookId, deliveryId);
  const fields = [
    ['Event', delivery.event],
    ['Status', el('span', { class: `status status-${delivery.status}`, id: 'delivery-status' }, delivery.status)],
    ['Attempts', delivery.attemptCount],
    ['Test send', delivery.isTest ? 'yes' : 'no'],
    ['Occurred', formatDate(delivery.occurredAt)],
    ['Created', formatDate(delivery.createdAt)],
    ['Completed', delivery.completedAt ? formatDate(delivery.completedAt) : '—'],
    ['Next attempt', delivery.nextAttemptAt ? formatDate(delivery.nextAttemptAt) : '—'],
    ['Event id', delivery.eventId],
  ];
  show(container,
    el('p', {}, el('a', { href: href('chatbots', chatbotId, 'webhooks', webhookId), 'data-link': true }, 'Back to the webhook')),
    el('h1', {}, 'Delivery ', el('code', {}, delivery.id)),
    context.hasWebhooks() && delivery.status !== 'pending' && redeliverButton(chatbotId, webhookId, deliveryId),
    el('dl', { class: 'fields', id: 'delivery' }, fields.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)])),
    delivery.data === undefined ? []
      : [el('h2', {}, 'Event data'), el('pre', { id: 'event-data' }, JSON.stringify(delivery.data, null, 2))],
    el('h2', {}, 'Attempts'),
    delivery.attempts.length === 0
      ? el('p', { class: 'muted' }, 'No attempt yet.')
      : el('ol', { class: 'attempts', id: 'attempts' }, delivery.attempts.map(attempt)));
  if (delivery.status === 'pending') refreshWhilePending(container);
}

/** Shows the delivery again every two seconds while it is pending and its view is still the one on screen. */
function refreshWhilePending(container) {
  const shown = container.firstChild;
  const path = location.pathname;
  setTimeout(() => {
    if (location.pathname === path && container.firstChild === shown) navigate(path, { replace: true });
  }, 2000);
}

function attempt(item) {
  const ok = item.statusCode !== null && item.statusCode >= 200 && item.statusCode < 300;
  const request = item.request
    ? [el('h4', {}, 'Request headers'), pairsTable(item.request.headers),
      el('h4', {}, 'Request body'), el('pre', { class: 'request-body' }, item.request.body)]
    : [el('p', { class: 'muted' }, 'No request was kept for this attempt.')];
  return el('li', { class: 'card attempt', 'data-attempt': item.attempt },
    el('h3', {}, `Attempt ${item.attempt}: `,
      el('span', { class: `status-code ${ok ? 'status-succeeded' : 'status-failed'}` }, item.statusCode ?? 'no answer')),
    el('p', { class: 'muted' }, `${formatDate(item.startedAt)} · ${item.durationMs} ms`),
    item.error && el('p', { class: 'error attempt-error' }, item.error),
    el('h4', {}, 'Response excerpt'),
    item.responseBody ? el('pre', { class: 'response-body' }, item.responseBody) : el('p', { class: 'muted' }, 'empty'),
    request);
}

/** Queues the finished delivery again with a fresh retry budget, then shows it (pending) again. */
function redeliverButton(chatbotId, webhookId, deliveryId) {
  const button = el('button', { type: 'button', id: 'redeliver', class: 'secondary' }, 'Redeliver');
  const message = el('p', { class: 'error', role: 'alert' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api.redeliver(chatbotId, webhookId, deliveryId);
      navigate(location.pathname, { replace: true });
    } catch (error) {
      button.disabled = false;
      const text = failureText(error);
      if (text !== null) message.textContent = text;
    }
  });
  return el('div', { class: 'actions' }, button, message);
}
