// Creating and editing a webhook with every field the API takes: name, URL, payload format, the events that format
// sends (from the catalogue), signature scheme, retries (backoff or an exact schedule), timeout, concurrency, order,
// pace and custom headers (credentials masked, marked sensitive). Creating shows the secret once.
import { api } from '../api.js';
import { el, show } from '../dom.js';
import { failureText } from '../failure.js';
import { href, navigate } from '../router.js';
import { secretPanel } from '../secret.js';
import { upsell } from './upsell.js';

const formats = [
  ['standard', 'Standard Webhooks envelope'],
  ['suppabot', 'Seed 000: website webhooks (visitor_created, conversation_ended)'],
  ['sitegpt', 'Seed 001: per-event webhooks with a token'],
  ['livechat', 'Seed 002: chat events'],
  ['agentbot', 'Seed 003: agent platform events'],
  ['pollybot', 'Seed 004: lead webhooks'],
  ['slack', 'A Slack message (incoming webhook)'],
  ['discord', 'A Discord message (channel webhook)'],
];
const schemes = [
  ['', "The format's own scheme"],
  ['standard', 'Standard Webhooks (webhook-signature: v1,<base64>)'],
  ['hmac-sha256', 'HMAC-SHA256, hex'],
  ['hmac-sha256-prefixed', 'HMAC-SHA256, sha256=<hex>'],
  ['timestamped', 't=<unix>,v1=<hex>'],
  ['token', 'The secret as a token header'],
  ['standard-ed25519', 'Standard Webhooks, public key (webhook-signature: v1a,<ed25519>)'],
];
const mask = '••••••••';

/** The form at /dashboard/chatbots/{chatbotId}/webhooks/new. */
export async function newWebhookView(container, { chatbotId }, context) {
  if (!context.hasWebhooks()) {
    show(container, backLink(chatbotId), el('h1', {}, 'New webhook'), upsell());
    return;
  }
  const { eventTypes } = await api.eventTypes();
  show(container, backLink(chatbotId), el('h1', {}, 'New webhook'), webhookForm(chatbotId, null, eventTypes, container));
}

/** The form at /dashboard/chatbots/{chatbotId}/webhooks/{webhookId}/edit. */
export async function editWebhookView(container, { chatbotId, webhookId }) {
  const [{ webhook }, { eventTypes }] = await Promise.all([api.webhook(chatbotId, webhookId), api.eventTypes()]);
  show(container,
    el('p', {}, el('a', { href: href('chatbots', chatbotId, 'webhooks', webhookId), 'data-link': true }, 'Back to the webhook')),
    el('h1', {}, `Edit ${webhook.name}`),
    webhookForm(chatbotId, webhook, eventTypes, container));
}

function backLink(chatbotId) {
  return el('p', {}, el('a', { href: href('chatbots', chatbotId, 'webhooks'), 'data-link': true }, 'All webhooks'));
}

function field(label, control, hint) {
  return el('label', {}, label, control, hint && el('span', { class: 'muted hint' }, hint));
}

function numberInput(name, value, min, max) {
  return el('input', { name, type: 'number', min, max, step: 1, value, required: true });
}

function webhookForm(chatbotId, webhook, eventTypes, container) {
  const editing = webhook !== null;
  const name = el('input', { name: 'name', required: true, maxlength: 255, value: editing ? webhook.name : '' });
  const url = el('input', { name: 'url', type: 'url', required: true, value: editing ? webhook.url : '', placeholder: 'https://example.com/webhooks' });
  const format = el('select', { name: 'payloadFormat' },
    formats.map(([value, title]) => el('option', { value, selected: editing && webhook.payloadFormat === value }, `${value}: ${title}`)));
  const scheme = el('select', { name: 'signatureScheme' },
    schemes.map(([value, title]) => el('option', { value, selected: editing && webhook.signatureScheme === value }, title)));
  const active = el('input', { name: 'isActive', type: 'checkbox', checked: editing ? webhook.isActive : true });
  const events = el('fieldset', { class: 'events-choice', id: 'event-choices' });
  const subscribed = new Set(editing ? webhook.eventTypes : []);
  const drawEvents = () => show(events, el('legend', {}, 'Events'), eventChoices(eventTypes, format.value, subscribed));
  format.addEventListener('change', () => {
    // A new format brings its own scheme unless one is picked again (the API's rule for a PATCH naming none).
    scheme.value = '';
    // Keep what is ticked across formats, by canonical name.
    for (const box of events.querySelectorAll('input[type=checkbox]')) {
      if (box.checked) subscribed.add(box.value); else subscribed.delete(box.value);
    }
    drawEvents();
  });
  drawEvents();

  const usesSchedule = editing && Array.isArray(webhook.retrySchedule) && webhook.retrySchedule.length > 0;
  const retryMode = el('select', { name: 'retryMode' },
    el('option', { value: 'backoff', selected: !usesSchedule }, 'Exponential backoff'),
    el('option', { value: 'schedule', selected: usesSchedule }, 'An exact schedule'));
  const maxRetries = numberInput('maxRetries', editing ? webhook.maxRetries : 3, 0, 10);
  const retryDelay = numberInput('retryDelay', editing ? webhook.retryDelay : 1000, 100, 3600000);
  const schedule = el('input', { name: 'retrySchedule', value: usesSchedule ? webhook.retrySchedule.join(', ') : '',
    placeholder: '60000, 300000, 1800000' });
  const backoffFields = el('div', { class: 'row' }, field('Retries', maxRetries), field('First delay (ms)', retryDelay, 'doubles each retry'));
  const scheduleFields = el('div', { class: 'row' }, field('Delays before each retry (ms)', schedule, 'comma-separated, e.g. 60000, 300000'));
  const syncRetry = () => {
    backoffFields.hidden = retryMode.value !== 'backoff';
    scheduleFields.hidden = retryMode.value !== 'schedule';
  };
  retryMode.addEventListener('change', syncRetry);
  syncRetry();
  const timeout = numberInput('timeout', editing ? webhook.timeout : 10000, 1000, 30000);
  const concurrency = numberInput('maxConcurrency', editing ? webhook.maxConcurrency : 16, 1, 100);
  const ordering = el('select', { name: 'ordering' },
    el('option', { value: 'concurrent', selected: !editing || webhook.ordering !== 'fifo' }, 'Concurrent (fastest)'),
    el('option', { value: 'fifo', selected: editing && webhook.ordering === 'fifo' }, 'In order, one at a time (FIFO)'));
  const rateLimit = el('input', { name: 'rateLimit', type: 'number', min: 1, max: 1000, step: 1,
    value: editing && webhook.rateLimit !== null ? webhook.rateLimit : '', placeholder: 'no limit' });
  const headers = headerEditor(editing ? webhook.headers : {}, new Set((editing ? webhook.sensitiveHeaders : []).map((h) => h.toLowerCase())));
  const secret = editing ? null : el('input', { name: 'secret', autocomplete: 'off', spellcheck: 'false' });

  const message = el('p', { class: 'error', role: 'alert', id: 'form-error' });
  const submit = el('button', { type: 'submit' }, editing ? 'Save' : 'Create webhook');
  const form = el('form', { class: 'card wide', id: 'webhook-form', novalidate: true },
    field('Name', name),
    field('URL', url),
    field('Payload format', format, 'How deliveries are written; the events below are those the format sends.'),
    events,
    field('Signature scheme', scheme),
    el('label', { class: 'inline' }, active, editing ? 'Active (deliveries are sent)' : 'Active from the start'),
    el('fieldset', {}, el('legend', {}, 'Retries'), field('Retry policy', retryMode), backoffFields, scheduleFields),
    el('div', { class: 'row' }, field('Timeout (ms)', timeout), field('Concurrent deliveries', concurrency)),
    el('div', { class: 'row' },
      field('Order', ordering, 'FIFO holds later deliveries until the one before succeeds or fails for good.'),
      field('Rate limit (requests per second)', rateLimit, 'Empty: as fast as the receiver answers.')),
    headers.node,
    secret && field('Secret', secret, 'Optional: leave empty and one is generated (for standard-ed25519, a key pair; or bring a whsk_ private key).'),
    message,
    submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    let body;
    try {
      body = {
        name: name.value.trim(),
        url: url.value.trim(),
        payloadFormat: format.value,
        eventTypes: [...events.querySelectorAll('input[type=checkbox]:checked')].map((box) => box.dataset.subscribeAs),
        isActive: active.checked,
        timeout: Number(timeout.value),
        maxConcurrency: Number(concurrency.value),
        ordering: ordering.value,
        ...headers.value(),
      };
      if (scheme.value) body.signatureScheme = scheme.value;
      if (retryMode.value === 'schedule') {
        body.retrySchedule = parseSchedule(schedule.value);
      } else {
        body.maxRetries = Number(maxRetries.value);
        body.retryDelay = Number(retryDelay.value);
        if (usesSchedule) body.retrySchedule = null;
      }
      if (rateLimit.value.trim()) body.rateLimit = Number(rateLimit.value);
      else if (editing && webhook.rateLimit !== null) body.rateLimit = null; // null removes it
      if (secret && secret.value.trim()) body.secret = secret.value.trim();
    } catch (error) {
      message.textContent = error.message;
      return;
    }
    submit.disabled = true;
    try {
      if (editing) {
        await api.updateWebhook(chatbotId, webhook.id, body);
        navigate(href('chatbots', chatbotId, 'webhooks', webhook.id));
      } else {
        const created = await api.createWebhook(chatbotId, body);
        showCreated(container, chatbotId, created);
      }
    } catch (error) {
      submit.disabled = false;
      const text = failureText(error);
      if (text !== null) message.textContent = text;
    }
  });
  return form;
}

/** After creating: the secret, once, and the way on to the webhook. */
function showCreated(container, chatbotId, created) {
  const target = href('chatbots', chatbotId, 'webhooks', created.webhook.id);
  // The URL becomes the webhook's own (the spent form leaves no history entry) while the secret stays on screen.
  history.replaceState(null, '', target);
  show(container,
    backLink(chatbotId),
    el('h1', {}, `Created ${created.webhook.name}`),
    secretPanel(created),
    el('p', {}, el('a', { href: target, 'data-link': true, id: 'continue' }, 'I have saved the secret: go to the webhook')));
}

function parseSchedule(text) {
  const parts = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error('Give at least one delay, or choose the backoff.');
  return parts.map((part) => {
    if (!/^\d+$/.test(part)) throw new Error(`"${part}" is not a whole number of milliseconds.`);
    return Number(part);
  });
}

/**
 * The events `format` sends, ticked where `subscribed` holds the canonical name or the format's own name. Each box
 * subscribes with the name the webhook already uses, or the canonical one.
 */
function eventChoices(eventTypes, format, subscribed) {
  const offered = eventTypes.filter((type) => type.formats && type.formats[format]);
  if (offered.length === 0) return el('p', { class: 'muted' }, 'This format sends no events.');
  return el('ul', { class: 'checks' }, offered.map((type) => {
    const own = type.formats[format].name;
    const known = [type.name, own, ...(type.aliases || [])].find((name) => subscribed.has(name));
    const box = el('input', { type: 'checkbox', value: type.name, checked: Boolean(known), 'data-subscribe-as': known || type.name });
    return el('li', {}, el('label', { class: 'inline' }, box,
      el('code', {}, own), own !== type.name ? el('span', { class: 'muted' }, ` (${type.name})`) : null,
      el('span', { class: 'muted hint' }, type.description)));
  }));
}

/** Rows of custom headers: name, value (a masked value is kept unless replaced) and whether it is a credential. */
function headerEditor(initial, sensitive) {
  const rows = el('tbody', {});
  const addRow = (headerName = '', value = '', secret = false) => {
    const nameInput = el('input', { class: 'header-name', value: headerName, placeholder: 'X-Api-Key', 'aria-label': 'Header name' });
    const valueInput = el('input', { class: 'header-value', value, 'aria-label': 'Header value' });
    const secretBox = el('input', { type: 'checkbox', class: 'header-sensitive', checked: secret, 'aria-label': 'Sensitive' });
    const remove = el('button', { type: 'button', class: 'link' }, 'Remove');
    const row = el('tr', {}, el('td', {}, nameInput), el('td', {}, valueInput),
      el('td', {}, el('label', { class: 'inline' }, secretBox, 'credential')), el('td', {}, remove));
    remove.addEventListener('click', () => row.remove());
    rows.append(row);
  };
  for (const [headerName, value] of Object.entries(initial || {})) addRow(headerName, value, sensitive.has(headerName.toLowerCase()));
  const add = el('button', { type: 'button', class: 'secondary', id: 'add-header' }, 'Add header');
  add.addEventListener('click', () => addRow());
  const node = el('fieldset', { id: 'header-editor' }, el('legend', {}, 'Custom headers'),
    el('p', { class: 'muted hint' }, `Sent with every delivery. Credentials are stored encrypted and shown as ${mask}; leave ${mask} to keep the stored value.`),
    el('table', { class: 'header-rows' }, rows), add);
  return {
    node,
    value() {
      const headers = {};
      const sensitiveHeaders = [];
      for (const row of rows.children) {
        const headerName = row.querySelector('.header-name').value.trim();
        if (!headerName) continue;
        headers[headerName] = row.querySelector('.header-value').value;
        if (row.querySelector('.header-sensitive').checked) sensitiveHeaders.push(headerName);
      }
      return { headers, sensitiveHeaders };
    },
  };
}
