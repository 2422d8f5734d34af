// The per-website settings form, as the seeds' own dashboards have it: one URL (and optional secret) for every event
// (seed 000), and a URL with a token for each of messages, escalations and leads (seed 001). Each slot is an ordinary
// webhook underneath; saving is all or nothing. Secrets are never shown back: an empty field keeps the stored one.
import { api } from '../api.js';
import { el, show } from '../dom.js';
import { failureText } from '../failure.js';
import { href, navigate } from '../router.js';
import { upsell } from './upsell.js';

const slots = [
  ['all', 'Every event', 'Visitors and ended conversations in seed 000\u2019s format; the secret (optional) travels in X-Webhook-Secret.', 'secret'],
  ['messages', 'Messages', 'Every message (ADD_MESSAGE) in seed 001\u2019s format; the token travels in X-WEBHOOK-TOKEN.', 'token'],
  ['escalations', 'Escalations', 'Conversations handed to a person (CONVERSATION_ESCALATED).', 'token'],
  ['leads', 'Leads', 'Captured leads (NEW_LEAD_CAPTURE).', 'token'],
];

/** The form at /dashboard/chatbots/{chatbotId}/webhook-settings. */
export async function webhookSettingsView(container, { chatbotId }, context) {
  const current = await api.webhookSettings(chatbotId);
  const back = el('p', {}, el('a', { href: href('chatbots', chatbotId, 'webhooks'), 'data-link': true }, 'All webhooks'));
  const heading = el('h1', {}, 'Per-website settings');
  const inputs = {};
  const fieldsets = slots.map(([slot, title, hint, secretName]) => {
    const stored = current[slot];
    const url = el('input', { name: `${slot}-url`, type: 'url', value: stored ? stored.url : '', placeholder: 'https://example.com/webhooks' });
    const secret = el('input', { name: `${slot}-${secretName}`, autocomplete: 'off', spellcheck: 'false',
      placeholder: stored && stored.secretSet ? 'set: leave empty to keep it' : (secretName === 'token' ? 'required' : 'optional') });
    inputs[slot] = { url, secret, secretName, stored };
    return el('fieldset', { class: 'slot', 'data-slot': slot },
      el('legend', {}, title),
      el('p', { class: 'muted hint' }, hint),
      el('label', {}, 'URL', url),
      el('label', {}, secretName === 'token' ? 'Token' : 'Secret', secret),
      stored && el('p', { class: 'muted hint' }, `Status: ${stored.status}. `,
        el('a', { href: href('chatbots', chatbotId, 'webhooks', stored.webhookId), 'data-link': true }, 'Its delivery log')));
  });
  const message = el('p', { role: 'status', id: 'settings-outcome' });
  const save = el('button', { type: 'submit' }, 'Save settings');
  const form = el('form', { class: 'card wide', id: 'webhook-settings-form', novalidate: true },
    el('p', { class: 'muted' }, 'Leave a URL empty to remove that webhook.'), fieldsets, message,
    context.hasWebhooks() ? save : upsell());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const change = {};
    for (const [slot, { url, secret, secretName, stored }] of Object.entries(inputs)) {
      const address = url.value.trim();
      const value = secret.value.trim();
      if (!stored && !address) continue; // nothing there, nothing asked
      change[slot] = { url: address };
      if (value) change[slot][secretName] = value;
    }
    message.className = '';
    if (Object.keys(change).length === 0) {
      message.textContent = 'Nothing to save.';
      return;
    }
    save.disabled = true;
    try {
      await api.saveWebhookSettings(chatbotId, change);
      navigate(location.pathname, { replace: true });
    } catch (error) {
      save.disabled = false;
      const text = failureText(error);
      if (text === null) return;
      message.className = 'error';
      message.textContent = text;
    }
  });
  show(container, back, heading, form);
}
