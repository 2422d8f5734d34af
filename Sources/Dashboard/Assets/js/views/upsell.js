// What a tenant whose plan lacks webhooks sees in place of create and enable: the add-on's prices and the plan that
// includes it, as the billing API states them.
import { api } from '../api.js';
import { el } from '../dom.js';
import { isPortalTab } from '../portal-session.js';

const dollars = (cents) => `$${(cents / 100).toFixed(cents % 100 === 0 ? 0 : 2)}`;

/** The upsell panel; filled from `GET /billing`, whose offer is the source of the prices. */
export function upsell() {
  const offer = el('p', {}, 'Loading the offer…');
  const panel = el('section', { class: 'card upsell', id: 'upsell' },
    el('h2', {}, 'Webhooks are not in your plan'),
    el('p', {}, 'Send your chatbots\u2019 visitors, messages, leads and escalations to your CRM, Zapier or n8n as signed, retried HTTP POSTs.'),
    offer);
  if (isPortalTab()) {
    // A portal reaches no billing: whoever holds it may not be the one who pays.
    offer.textContent = 'Ask the owner of this account to add webhooks to its plan.';
    return panel;
  }
  api.billing().then((billing) => {
    const upgrade = billing.upgrade;
    if (!upgrade) {
      offer.textContent = 'Webhooks are on for your plan now: reload the page.';
      return;
    }
    const addon = upgrade.addon;
    offer.replaceChildren(
      el('strong', {}, `${addon.name}: ${dollars(addon.monthlyPriceCents)}/month or ${dollars(addon.yearlyPriceCents)}/year`),
      ` on your ${billing.plan} plan, or move to the ${upgrade.plan[0].toUpperCase()}${upgrade.plan.slice(1)} plan, which includes webhooks. `,
      'Ask your account owner or billing contact to add it; existing webhooks stay as they are and start sending again once it is on.');
  }, (error) => {
    offer.textContent = `The offer could not be loaded: ${error.message}`;
  });
  return panel;
}
