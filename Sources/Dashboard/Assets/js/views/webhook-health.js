// The webhooks list's health column: each webhook's last 24 hours from one request
// (`GET .../webhooks/stats?window=24h`), as a badge (healthy, degraded, failing, no traffic) and its success rate.
import { api } from '../api.js';
import { el } from '../dom.js';
import { deliveryCount, formatPercent, healthLabels, healthOf } from '../chart-maths.js';

/** Adds a "Last 24 hours" column to `table` (rows marked `data-webhook-id`) and fills it when the figures arrive. */
export function addHealthColumn(table, chatbotId) {
  const headRow = table.querySelector('thead tr');
  if (headRow) headRow.append(el('th', { scope: 'col' }, 'Last 24 hours'));
  const cells = new Map();
  for (const row of table.querySelectorAll('tbody tr[data-webhook-id]')) {
    const cell = el('td', { class: 'health-cell' }, el('span', { class: 'muted' }, '…'));
    row.append(cell);
    cells.set(row.dataset.webhookId, cell);
  }
  api.webhooksStatistics(chatbotId, '24h').then(({ webhooks }) => {
    for (const summary of webhooks) {
      const cell = cells.get(summary.webhookId);
      if (cell) cell.replaceChildren(...badge(summary));
    }
  }).catch((error) => {
    for (const cell of cells.values()) {
      cell.replaceChildren(el('span', { class: 'error', title: error.message }, 'unavailable'));
    }
  });
}

function badge(summary) {
  const state = healthOf(summary);
  const { succeeded, failed } = summary.deliveries;
  const count = deliveryCount(summary);
  const rate = summary.successRate === null ? null : formatPercent(summary.successRate);
  return [
    el('span', { class: `health health-${state}`, 'data-health': state }, healthLabels[state]),
    el('span', { class: 'health-detail' },
      rate ? `${rate} of ${succeeded + failed} succeeded` : count > 0 ? `${count} in progress` : 'no deliveries'),
  ];
}
