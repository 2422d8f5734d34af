// One chatbot's webhooks: name, URL, events, status (with the reason when suspended or disabled), counts.
import { api } from '../api.js';
import { el, formatDate, show } from '../dom.js';
import { href } from '../router.js';
import { addHealthColumn } from './webhook-health.js';
import { upsell } from './upsell.js';

/** The webhooks list at /dashboard/chatbots/{chatbotId}/webhooks. */
export async function webhooksView(container, { chatbotId }, context) {
  const { webhooks } = await api.webhooks(chatbotId);
  const heading = el('h1', {}, 'Webhooks');
  const back = el('p', {}, el('a', { href: href(''), 'data-link': true }, 'All chatbots'));
  // Without the feature, the upsell stands where create would (the list still shows what exists, suspended).
  const actions = context.hasWebhooks()
    ? el('div', { class: 'actions' },
      el('a', { class: 'button', id: 'new-webhook', href: href('chatbots', chatbotId, 'webhooks', 'new'), 'data-link': true }, 'New webhook'),
      el('a', { class: 'button secondary', href: href('chatbots', chatbotId, 'webhook-settings'), 'data-link': true }, 'Per-website settings'))
    : upsell();
  if (webhooks.length === 0) {
    show(container, heading, back, actions, el('p', { class: 'muted' }, 'No webhooks yet.'));
    return;
  }
  const header = el('tr', {}, ['Name', 'URL', 'Events', 'Status', 'Succeeded', 'Failed', 'Last triggered']
    .map((title) => el('th', { scope: 'col' }, title)));
  const table = el('table', { id: 'webhooks' },
    el('thead', {}, header),
    el('tbody', {}, webhooks.map((webhook) => row(chatbotId, webhook))));
  addHealthColumn(table, chatbotId);
  show(container, heading, back, actions, table);
}

function row(chatbotId, webhook) {
  const reason = webhook.status === 'suspended' || webhook.status === 'disabled' ? webhook.disabledReason : null;
  return el('tr', { 'data-webhook-id': webhook.id },
    el('td', { class: 'name' }, el('a', { href: href('chatbots', chatbotId, 'webhooks', webhook.id), 'data-link': true },
      webhook.name)),
    el('td', { class: 'url' }, webhook.url),
    el('td', {}, el('ul', { class: 'events' }, webhook.eventTypes.map((type) => el('li', {}, type)))),
    el('td', { class: `status status-${webhook.status}` }, webhook.status, reason && el('span', { class: 'reason' }, reason)),
    el('td', { class: 'count' }, webhook.successCount),
    el('td', { class: 'count' }, webhook.failureCount),
    el('td', {}, formatDate(webhook.lastTriggeredAt)));
}
