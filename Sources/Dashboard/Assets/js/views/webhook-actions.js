// What can be done to one webhook from its page: edit, pause or resume, send a test, rotate the secret, delete, and
// replay its failed deliveries since a time. Each shows its outcome in the page; nothing uses window dialogs.
import { api } from '../api.js';
import { confirmAction } from '../confirm.js';
import { el, show } from '../dom.js';
import { failureText } from '../failure.js';
import { href, navigate } from '../router.js';
import { secretPanel } from '../secret.js';
import { upsell } from './upsell.js';

/** The actions bar and the area their outcomes appear in, for `webhook` as `GET` answered it. */
export function webhookActions(chatbotId, webhook, context) {
  const outcome = el('div', { id: 'action-outcome', role: 'status' });
  const report = (...nodes) => show(outcome, ...nodes);
  const reload = () => navigate(location.pathname + location.search, { replace: true });
  const failed = (error) => {
    const text = failureText(error);
    if (text !== null) report(el('p', { class: 'error', role: 'alert' }, text));
  };
  const button = (label, id, run, className) => {
    const node = el('button', { type: 'button', id, class: className }, label);
    node.addEventListener('click', async () => {
      node.disabled = true;
      try {
        await run();
      } catch (error) {
        failed(error);
      } finally {
        node.disabled = false;
      }
    });
    return node;
  };

  if (!context.hasWebhooks()) {
    // Suspended for the plan: nothing may send or be enabled until the feature is bought.
    return el('div', {}, upsell());
  }
  const edit = el('a', { class: 'button', id: 'edit-webhook', href: href('chatbots', chatbotId, 'webhooks', webhook.id, 'edit'), 'data-link': true }, 'Edit');
  const toggle = webhook.isActive && webhook.status !== 'disabled'
    ? button('Pause', 'pause-webhook', async () => {
      await api.updateWebhook(chatbotId, webhook.id, { isActive: false });
      reload();
    }, 'secondary')
    : button(webhook.status === 'disabled' ? 'Enable again' : 'Resume', 'resume-webhook', async () => {
      await api.updateWebhook(chatbotId, webhook.id, { isActive: true });
      reload();
    }, 'secondary');
  const test = button('Send test', 'send-test', async () => {
    report(el('p', { class: 'muted' }, 'Sending…'));
    report(testResult(chatbotId, webhook.id, await api.testWebhook(chatbotId, webhook.id)));
  }, 'secondary');
  const rotate = button('Rotate secret', 'rotate-secret', async () => {
    const sure = await confirmAction('Rotate the signing secret?',
      'A new secret signs every delivery from now on; the current one keeps signing beside it for 24 hours, so receivers can switch over.',
      'Rotate');
    if (!sure) return;
    report(secretPanel(await api.rotateSecret(chatbotId, webhook.id), { rotated: true }));
  }, 'secondary');
  const remove = button('Delete', 'delete-webhook', async () => {
    const sure = await confirmAction(`Delete ${webhook.name}?`,
      'The webhook stops receiving events at once, and its delivery log goes with it. This cannot be undone.',
      'Delete webhook');
    if (!sure) return;
    await api.deleteWebhook(chatbotId, webhook.id);
    navigate(href('chatbots', chatbotId, 'webhooks'), { replace: true });
  }, 'danger');
  return el('div', { class: 'actions-area' },
    el('div', { class: 'actions', id: 'webhook-actions' }, edit, toggle, test, rotate, remove),
    outcome);
}

function testResult(chatbotId, webhookId, result) {
  const link = el('a', { href: href('chatbots', chatbotId, 'webhooks', webhookId, 'deliveries', result.deliveryId), 'data-link': true },
    'See it in the log');
  return el('div', { class: `card test-result ${result.success ? 'ok' : 'bad'}`, id: 'test-result' },
    el('p', {}, el('strong', {}, result.success ? 'Test delivered' : 'Test failed'), ': ',
      result.statusCode === null ? 'no answer' : `HTTP ${result.statusCode}`, ` in ${result.durationMs} ms. `, link),
    result.error && el('p', { class: 'error' }, result.error),
    result.responseBody && [el('h4', {}, 'Response excerpt'), el('pre', {}, result.responseBody)]);
}

/** "Replay failed deliveries since": queues every failed delivery created at or after the chosen time again. */
export function replayForm(chatbotId, webhookId) {
  const since = el('input', { type: 'datetime-local', name: 'since', required: true, value: localValue(new Date(Date.now() - 24 * 3600 * 1000)) });
  const message = el('p', { role: 'status', id: 'replay-outcome' });
  const form = el('form', { class: 'filters', id: 'replay-form' },
    el('label', {}, 'Replay failed deliveries since', since),
    el('button', { type: 'submit', class: 'secondary' }, 'Replay'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.className = '';
    const when = new Date(since.value);
    if (Number.isNaN(when.getTime())) {
      message.className = 'error';
      message.textContent = 'Choose a date and time.';
      return;
    }
    try {
      const result = await api.replay(chatbotId, webhookId, when.toISOString());
      message.textContent = result.replayed === 1 ? '1 failed delivery queued again.'
        : `${result.replayed} failed deliveries queued again.`;
    } catch (error) {
      const text = failureText(error);
      if (text === null) return;
      message.className = 'error';
      message.textContent = text;
    }
  });
  return el('div', {}, form, message);
}

/** `date` as a `datetime-local` value in the browser's time zone. */
function localValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
