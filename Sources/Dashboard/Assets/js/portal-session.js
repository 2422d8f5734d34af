// The portal session's token, kept in sessionStorage (this tab only) and sent by api.js as a bearer token: inside
// a third-party iframe the browser would not send a SameSite cookie, and a bearer token needs no CSRF rule.

const key = 'wh_portal_session';
const endedKey = 'wh_portal_ended';

function storage() {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage refused (a sandboxed frame): no portal session
  }
}

/** The portal session's token, or null outside a portal. */
export function portalToken() {
  const store = storage();
  return store ? store.getItem(key) : null;
}

/** Keeps `token` for this tab. */
export function setPortalToken(token) {
  const store = storage();
  if (!store) return; // nothing kept: the next request answers 401 and the page says the portal ended
  store.setItem(key, token);
  store.removeItem(endedKey);
}

/** Forgets the token, remembering that this tab was a portal, so a reload says it ended instead of asking to log in. */
export function endPortalSession() {
  const store = storage();
  if (!store) return;
  store.removeItem(key);
  store.setItem(endedKey, '1');
}

/** Whether this tab holds a portal session or held one that ended. */
export function isPortalTab() {
  const store = storage();
  return Boolean(store && (store.getItem(key) || store.getItem(endedKey)));
}
