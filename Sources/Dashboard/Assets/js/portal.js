// Portal links: /dashboard/portal?token=ptl_... opens the dashboard scoped to one chatbot's webhooks. The token is
// taken out of the address bar as soon as this module loads (before any request), then redeemed by a POST, so a
// link preview that only fetches the URL cannot use the single-use link up.
import { api, ApiError } from './api.js';
import { el, show } from './dom.js';
import { base, href, navigate } from './router.js';
import { endPortalSession, isPortalTab, setPortalToken } from './portal-session.js';
import { applyTheme } from './theme.js';

export const portalPath = `${base}/portal`;

/** The link's token, read once from the URL this page was opened with. */
let linkToken = null;
if (location.pathname === portalPath) {
  const token = new URLSearchParams(location.search).get('token');
  if (token) {
    linkToken = token;
    history.replaceState(null, '', portalPath);
  }
}

/**
 * Whether this tab holds a portal session, or held one that ended, or is framed by another page: the dashboard is
 * framed only as a portal, and a login form in a customer's page would be no use (its cookie is not sent there).
 */
export function inPortal() {
  return isPortalTab() || window.self !== window.top;
}

/** The view at /dashboard/portal: redeems the link's token for a session and opens its chatbot's webhooks. */
export async function portalView(container, _params, context) {
  const token = linkToken;
  linkToken = null;
  if (!token) {
    ended(container, 'This portal link has no token.');
    return;
  }
  try {
    const answer = await api.portalSession(token);
    setPortalToken(answer.token);
    applyTheme(answer.portal.theme);
    context.signedIn(href('chatbots', answer.portal.chatbotId, 'webhooks'));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 410) throw error;
    endPortalSession();
    ended(container, 'This portal link has expired or was already used.');
  }
}

/** Shows that the portal session is over (expired, ended, or its chatbot gone) and forgets it. */
export function portalEnded(container) {
  endPortalSession();
  ended(container, 'This portal session has ended.');
}

/** Marks the page as a portal: the header's links to the rest of the dashboard (test inboxes) are hidden by CSS. */
function markPortal() {
  document.documentElement.dataset.portal = 'true';
}

function ended(container, sentence) {
  markPortal();
  document.getElementById('logout').hidden = true;
  show(container, el('h1', {}, 'Portal closed'),
    el('p', { id: 'portal-ended' }, sentence, ' Open a new portal link to continue.'));
}

/** The header of a portal session (`me.portal` from /auth/me): its theme, no account and no log-out. */
export function showPortalHeader(me) {
  markPortal();
  applyTheme(me.portal.theme);
  document.getElementById('who').textContent = me.tenant.name;
  document.getElementById('logout').hidden = true;
}

/** Where a portal session's `/dashboard/` leads: its chatbot's webhooks. */
export function portalHome(me) {
  navigate(href('chatbots', me.portal.chatbotId, 'webhooks'), { replace: true });
}
