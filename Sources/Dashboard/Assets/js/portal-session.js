// The portal session's token, sent by api.js as a bearer token: inside a third-party iframe the browser would not
// send a SameSite cookie, and a bearer token needs no CSRF rule. Kept in sessionStorage (this tab only) so a reload
// keeps it, and in memory too: a browser that blocks a third-party frame's storage (Chromium with third-party
// cookies blocked does) still runs the portal, until a reload.

const key = 'wh_portal_session';
const endedKey = 'wh_portal_ended';
let memoryToken = null;
let memoryEnded = false;

/** sessionStorage, or null where the browser refuses it to this document. */
function storage() {
  try {
    const store = window.sessionStorage;
    store.getItem(key);
    return store;
  } catch {
    return null;
  }
}

function write(action) {
  const store = storage();
  if (!store) return;
  try {
    action(store);
  } catch {
    // Full or refused: the copy in memory serves until a reload.
  }
}

/** The portal session's token, or null outside a portal. */
export function portalToken() {
  const store = storage();
  return (store && store.getItem(key)) || memoryToken;
}

/** Keeps `token` for this tab. */
export function setPortalToken(token) {
  memoryToken = token;
  memoryEnded = false;
  write((store) => {
    store.setItem(key, token);
    store.removeItem(endedKey);
  });
}

/** Forgets the token, remembering that this tab was a portal, so a reload says it ended instead of asking to log in. */
export function endPortalSession() {
  memoryToken = null;
  memoryEnded = true;
  write((store) => {
    store.removeItem(key);
    store.setItem(endedKey, '1');
  });
}

/** Whether this tab holds a portal session or held one that ended. */
export function isPortalTab() {
  const store = storage();
  return Boolean(memoryToken || memoryEnded || (store && (store.getItem(key) || store.getItem(endedKey))));
}
