// A webhook's charts: deliveries by outcome and attempt latency over the last 24 hours or 7 days, from
// `GET .../webhooks/{webhookId}/stats`, with a legend, tooltips and a sentence saying the same for those who read.
import { api } from '../api.js';
import { el, show } from '../dom.js';
import { outcomeChart, latencyChart } from '../charts.js';
import { deliveryCount, outcomes, summarySentence } from '../chart-maths.js';

const windows = [['24h', 'last 24 hours'], ['7d', 'last 7 days']];

/** The charts' section; it loads on its own, so the page never waits for it and its errors stay inside it. */
export function webhookCharts(chatbotId, webhookId) {
  const body = el('div', { class: 'charts-body', 'aria-live': 'polite' }, el('p', { class: 'muted' }, 'Loading…'));
  const buttons = windows.map(([value, label]) => el('button', {
    type: 'button', class: 'toggle', 'data-window': value, 'aria-pressed': 'false',
  }, label));
  let request = 0;
  const load = async (window) => {
    const current = ++request;
    for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.window === window));
    try {
      const statistics = await api.webhookStatistics(chatbotId, webhookId, window);
      if (current === request) show(body, charts(statistics, windows.find(([value]) => value === window)[1]));
    } catch (error) {
      if (current === request) show(body, el('p', { class: 'error', role: 'alert' }, `Charts unavailable: ${error.message}`));
    }
  };
  for (const button of buttons) button.addEventListener('click', () => load(button.dataset.window));
  load('24h');
  return el('section', { id: 'webhook-charts', class: 'charts', 'aria-labelledby': 'charts-title' },
    el('div', { class: 'charts-head' },
      el('h2', { id: 'charts-title' }, 'Deliveries and latency'),
      el('div', { class: 'window-switch', role: 'group', 'aria-label': 'Period' }, buttons)),
    body);
}

function charts(statistics, label) {
  const summary = el('p', { id: 'chart-summary', class: 'chart-summary' }, summarySentence(statistics.totals, label));
  if (deliveryCount(statistics.totals) === 0) {
    return [summary, el('p', { id: 'charts-empty', class: 'muted' },
      'Nothing to chart yet: deliveries appear here as events are published to this webhook.')];
  }
  const outcomesChart = outcomeChart(statistics);
  const latency = latencyChart(statistics);
  outcomesChart.setAttribute('aria-describedby', 'chart-summary');
  latency.setAttribute('aria-describedby', 'chart-summary');
  return [
    summary,
    el('figure', { class: 'chart-figure' },
      el('figcaption', {}, 'Deliveries by outcome, by creation time'),
      legend(outcomes.map((outcome) => [`outcome-${outcome}`, outcome])),
      outcomesChart),
    el('figure', { class: 'chart-figure' },
      el('figcaption', {}, 'Attempt latency'),
      statistics.totals.attempts > 0
        ? [legend([['latency-p50', 'p50 (median)'], ['latency-p95', 'p95']]), latency]
        : el('p', { class: 'muted' }, 'No attempts in this period.')),
  ];
}

function legend(entries) {
  return el('ul', { class: 'legend' }, entries.map(([className, text]) =>
    el('li', {}, el('span', { class: `swatch ${className}`, 'aria-hidden': 'true' }), text)));
}
