// Sharing one chatbot's webhooks as a portal: a single-use, short-lived link (with the accent colour, logo and dark
// mode it opens with) that the owner sends to whoever manages that chatbot's webhooks, or embeds in their own app.
import { api } from '../api.js';
import { copyField } from '../copy-field.js';
import { el, formatDate, show } from '../dom.js';
import { failureText } from '../failure.js';

/** A "Share as portal" section: a small form, then the link with its expiry. */
export function portalLinkPanel(chatbotId) {
  const accent = el('input', { type: 'color', name: 'accent', value: '#3358d4' });
  const logo = el('input', { type: 'url', name: 'logoUrl', placeholder: 'https://example.com/logo.png' });
  const dark = el('input', { type: 'checkbox', name: 'dark' });
  const lifetime = el('select', { name: 'expiresIn' },
    el('option', { value: '600' }, '10 minutes'), el('option', { value: '3600' }, '1 hour'));
  const outcome = el('div', { id: 'portal-link-outcome', role: 'status' });
  const create = el('button', { type: 'submit', class: 'secondary' }, 'Create portal link');
  const form = el('form', { class: 'card wide', id: 'portal-link-form' },
    el('p', { class: 'muted hint' }, 'The link opens this chatbot\u2019s webhooks and deliveries, and nothing else, once.'),
    el('div', { class: 'row' },
      el('label', {}, 'Accent colour', accent),
      el('label', {}, 'Logo URL (optional)', logo),
      el('label', {}, 'Valid for', lifetime)),
    el('label', { class: 'inline' }, dark, 'Dark mode'),
    create, outcome);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const theme = { accent: accent.value, dark: dark.checked };
    if (logo.value.trim()) theme.logoUrl = logo.value.trim();
    create.disabled = true;
    try {
      const link = await api.createPortalLink(chatbotId, { theme, expiresIn: Number(lifetime.value) });
      show(outcome,
        copyField(link.url, { id: 'portal-link-url', 'aria-label': 'Portal link' }),
        el('p', { class: 'muted' }, `Works once, until ${formatDate(link.expiresAt)}.`));
    } catch (error) {
      const text = failureText(error);
      if (text !== null) show(outcome, el('p', { class: 'error' }, text));
    } finally {
      create.disabled = false;
    }
  });
  return el('details', { class: 'share', id: 'portal-link' }, el('summary', {}, 'Share as a portal'), form);
}
