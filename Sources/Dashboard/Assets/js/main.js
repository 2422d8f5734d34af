// The dashboard's entry point: the routes, the session check before every view, and the header.
import { api, ApiError } from './api.js';
import { el, show } from './dom.js';
import { base, match, navigate, route, start } from './router.js';
import { loginView } from './views/login.js';
import { chatbotsView } from './views/chatbots.js';
import { webhooksView } from './views/webhooks.js';
import { webhookView } from './views/webhook.js';
import { deliveryView } from './views/delivery.js';
import { editWebhookView, newWebhookView } from './views/webhook-form.js';
import { webhookSettingsView } from './views/webhook-settings.js';
import { inboxesView } from './views/inboxes.js';
import { inboxView } from './views/inbox.js';
import { catalogueView } from './views/catalogue.js';
import { inPortal, portalEnded, portalHome, portalView, showPortalHeader } from './portal.js';

route('/', chatbotsView);
route('/login', loginView);
route('/chatbots/{chatbotId}/webhooks', webhooksView);
route('/chatbots/{chatbotId}/webhooks/new', newWebhookView); // before {webhookId}, which would match `new`
route('/chatbots/{chatbotId}/webhooks/{webhookId}', webhookView);
route('/chatbots/{chatbotId}/webhooks/{webhookId}/edit', editWebhookView);
route('/chatbots/{chatbotId}/webhook-settings', webhookSettingsView);
route('/chatbots/{chatbotId}/webhooks/{webhookId}/deliveries/{deliveryId}', deliveryView);
route('/inboxes', inboxesView);
route('/inboxes/{inboxId}', inboxView);
route('/catalogue', catalogueView);
route('/portal', portalView);

const view = document.getElementById('view');
const who = document.getElementById('who');
const logout = document.getElementById('logout');
let me; // the signed-in caller, null when signed out, undefined until asked

/** The signed-in caller (`GET /auth/me`), or null; asked once, and again after logging in. */
async function session() {
  if (me !== undefined) return me;
  try {
    me = await api.me();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    me = null;
  }
  return me;
}

function showHeader() {
  if (me && me.portal) {
    showPortalHeader(me);
    return;
  }
  who.textContent = me ? `${me.user ? me.user.email : me.authMethod} · ${me.tenant.name}` : '';
  logout.hidden = !me;
}

const context = {
  /** Whether the tenant's plan has webhooks: without, views show the upsell instead of create and enable. */
  hasWebhooks() {
    return Boolean(me && me.features.includes('webhooks'));
  },
  /** Forgets the cached session and shows `url`: after logging in. */
  signedIn(url) {
    me = undefined;
    navigate(url, { replace: true });
  },
};

async function render() {
  try {
    const found = match(location.pathname); // throws on a malformed %-escape, shown like any other failure
    const caller = await session();
    showHeader();
    if (!found) {
      show(view, el('h1', {}, 'Not found'), el('p', {}, el('a', { href: `${base}/`, 'data-link': true }, 'Back to the dashboard')));
      return;
    }
    if (!caller && found.view !== portalView && inPortal()) {
      portalEnded(view);
      return;
    }
    if (caller && caller.portal && found.view !== portalView && (found.view === chatbotsView || found.view === loginView)) {
      portalHome(caller);
      return;
    }
    if (!caller && found.view !== loginView && found.view !== portalView) {
      const next = location.pathname + location.search;
      navigate(`${base}/login?next=${encodeURIComponent(next)}`, { replace: true });
      return;
    }
    if (caller && found.view === loginView) {
      navigate(`${base}/`, { replace: true });
      return;
    }
    await found.view(view, found.params, context);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && inPortal()) {
      // A portal session has no login to go back to: the page says to open a new link.
      me = null;
      portalEnded(view);
      return;
    }
    if (error instanceof ApiError && error.status === 401 && me) {
      // The session ended (expired, idle, logged out elsewhere) while the page was open.
      me = null;
      navigate(`${base}/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
      return;
    }
    show(view, el('h1', {}, 'Something went wrong'), el('p', { class: 'error' }, error.message || String(error)));
  }
}

logout.addEventListener('click', async () => {
  try {
    await api.logout();
  } finally {
    me = null;
    navigate(`${base}/login`, { replace: true });
  }
});

start(render);
