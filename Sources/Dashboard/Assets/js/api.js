// The only module that talks to the server: the JSON API under /api/v1 with the wh_session cookie login sets,
// or a portal session's bearer token.
import { portalToken } from './portal-session.js';

/** An answer other than 2xx, with the API's error code and message. */
export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    /** The input field at fault (e.g. `eventTypes[0]`), when the API names one. */
    this.field = field || null;
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  // Cookie-authenticated writes must carry it (the API's CSRF rule); a foreign page cannot send it.
  if (method !== 'GET') headers['X-Requested-With'] = 'webhooks-dashboard';
  const init = { method, headers, credentials: 'same-origin' };
  const bearer = portalToken();
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
    init.credentials = 'omit';
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`/api/v1${path}`, init);
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = data && data.error ? data.error : {};
    throw new ApiError(response.status, error.code || 'http_error', error.message || `HTTP ${response.status}`, error.field);
  }
  return data;
}

const segment = encodeURIComponent;

export const api = {
  me: () => call('GET', '/auth/me'),
  login: (email, password) => call('POST', '/auth/login', { email, password }),
  logout: () => call('POST', '/auth/logout'),
  chatbots: () => call('GET', '/chatbots'),
  webhooks: (chatbotId) => call('GET', `/chatbots/${segment(chatbotId)}/webhooks`),
  webhook: (chatbotId, webhookId) => call('GET', `/chatbots/${segment(chatbotId)}/webhooks/${segment(webhookId)}`),
  /** One page of the delivery log, newest first; `query` holds `status`, `eventType` and `cursor` when set. */
  deliveries: (chatbotId, webhookId, query) => {
    const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value)).toString();
    return call('GET', `/chatbots/${segment(chatbotId)}/webhooks/${segment(webhookId)}/deliveries${search ? `?${search}` : ''}`);
  },
  delivery: (chatbotId, webhookId, deliveryId) =>
    call('GET', `/chatbots/${segment(chatbotId)}/webhooks/${segment(webhookId)}/deliveries/${segment(deliveryId)}`),
  /** A webhook's charts: deliveries by outcome and latency per bucket over `window` (`24h` or `7d`). */
  webhookStatistics: (chatbotId, webhookId, window) =>
    call('GET', `/chatbots/${segment(chatbotId)}/webhooks/${segment(webhookId)}/stats?window=${segment(window)}`),
  /** Every webhook of the chatbot with its figures over `window`, in one request (the list's health). */
  webhooksStatistics: (chatbotId, window) =>
    call('GET', `/chatbots/${segment(chatbotId)}/webhooks/stats?window=${segment(window)}`),
  /** Redeems a portal link's token for a portal session. */
  portalSession: (token) => call('POST', '/auth/portal-sessions', { token }),
};

const webhookPath = (chatbotId, webhookId) => `/chatbots/${segment(chatbotId)}/webhooks/${segment(webhookId)}`;

/** Writes and actions on webhooks, the per-website settings and the catalogue the forms offer. */
Object.assign(api, {
  eventTypes: () => call('GET', '/event-types'),
  createWebhook: (chatbotId, fields) => call('POST', `/chatbots/${segment(chatbotId)}/webhooks`, fields),
  updateWebhook: (chatbotId, webhookId, fields) => call('PATCH', webhookPath(chatbotId, webhookId), fields),
  deleteWebhook: (chatbotId, webhookId) => call('DELETE', webhookPath(chatbotId, webhookId)),
  rotateSecret: (chatbotId, webhookId) => call('POST', `${webhookPath(chatbotId, webhookId)}/rotate-secret`, {}),
  testWebhook: (chatbotId, webhookId) => call('POST', `${webhookPath(chatbotId, webhookId)}/test`),
  redeliver: (chatbotId, webhookId, deliveryId) =>
    call('POST', `${webhookPath(chatbotId, webhookId)}/deliveries/${segment(deliveryId)}/redeliver`),
  replay: (chatbotId, webhookId, since) => call('POST', `${webhookPath(chatbotId, webhookId)}/replay`, { since }),
  webhookSettings: (chatbotId) => call('GET', `/chatbots/${segment(chatbotId)}/webhook-settings`),
  saveWebhookSettings: (chatbotId, change) => call('PATCH', `/chatbots/${segment(chatbotId)}/webhook-settings`, change),
});

Object.assign(api, {
  /** The plan, features and, while webhooks are off, what turns them on (`upgrade`). */
  billing: () => call('GET', '/billing'),
});

/** Test inboxes (`/api/v1/inboxes`): URLs that keep what is posted to them, and signature checks of it. */
Object.assign(api, {
  inboxes: () => call('GET', '/inboxes'),
  createInbox: (name) => call('POST', '/inboxes', name ? { name } : {}),
  inbox: (inboxId) => call('GET', `/inboxes/${segment(inboxId)}`),
  deleteInbox: (inboxId) => call('DELETE', `/inboxes/${segment(inboxId)}`),
  /** The requests newest first; with `after`, only those received since that cursor. */
  inboxRequests: (inboxId, after) =>
    call('GET', `/inboxes/${segment(inboxId)}/requests${after ? `?after=${segment(after)}` : ''}`),
  verifyInboxRequest: (inboxId, requestId, secret, scheme) =>
    call('POST', `/inboxes/${segment(inboxId)}/requests/${segment(requestId)}/verify`, scheme ? { secret, scheme } : { secret }),
});
