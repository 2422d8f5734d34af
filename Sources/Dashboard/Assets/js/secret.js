// The secret shown once (after create and rotate), with a copy button and code that verifies a delivery for the
// webhook's signature scheme. The secret lives only in this panel: leaving or reloading the view forgets it. A
// key-pair scheme (standard-ed25519) has no secret to show: receivers verify with the public key, shown instead.
import { copyField } from './copy-field.js';
import { el } from './dom.js';

/** The panel for `answer`, a create or rotate-secret answer (`webhook` with the clear secret, `security`). */
export function secretPanel(answer, { rotated = false } = {}) {
  const { webhook, security } = answer;
  const keyPair = Boolean(webhook.publicKey);
  const what = keyPair ? 'key' : 'secret';
  const grace = rotated && webhook.previousSecretExpiresAt
    ? el('p', { class: 'muted' }, `The previous ${what} keeps signing beside this one until ${new Date(webhook.previousSecretExpiresAt).toLocaleString()}.`)
    : null;
  return el('section', { class: 'card secret', id: 'secret-panel' },
    el('h2', {}, keyPair ? (rotated ? 'New public key' : 'Public key') : (rotated ? 'New signing secret' : 'Signing secret')),
    el('p', {}, security.note),
    keyPair
      ? copyField(webhook.publicKey, { id: 'public-key-value', 'aria-label': 'Public key' })
      : copyField(webhook.secret, { id: 'secret-value', 'aria-label': 'Secret' }),
    grace,
    el('p', {}, `Deliveries carry it in ${security.headerName} as ${security.format}.`),
    el('h3', {}, `Verify a delivery (Node.js, scheme ${webhook.signatureScheme})`),
    el('pre', { id: 'verify-snippet' }, verificationSnippet(webhook.signatureScheme, security.headerName)));
}

/**
 * Node.js code that verifies one delivery under `scheme`, for a receiver that has the raw body as a string and the
 * headers with lower-case names (Node's `req.headers`). `headerName` is where the signature travels.
 */
export function verificationSnippet(scheme, headerName) {
  const header = headerName.toLowerCase();
  const head = `const crypto = require('crypto');

// rawBody: the request body exactly as received (a string, before JSON.parse)
// headers: the request headers with lower-case names (Node's req.headers)
function verifyWebhook(rawBody, headers, secret) {`;
  const equal = `
function safeEqual(a, b) {
  const x = Buffer.from(String(a)), y = Buffer.from(String(b));
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}`;
  switch (scheme) {
    case 'standard':
      return `${head}
  const id = headers['webhook-id'], timestamp = headers['webhook-timestamp'];
  if (!id || !timestamp || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = crypto.createHmac('sha256', key).update(\`\${id}.\${timestamp}.\${rawBody}\`).digest('base64');
  // Several space-separated signatures while a rotated secret is in its grace period
  return String(headers['webhook-signature'] || '').split(' ')
    .some((signature) => signature.startsWith('v1,') && safeEqual(signature.slice(3), expected));
}
${equal}`;
    case 'hmac-sha256':
    case 'hmac-sha256-prefixed': {
      const prefix = scheme === 'hmac-sha256-prefixed' ? "'sha256=' + " : '';
      return `${head}
  const expected = ${prefix}crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
  return safeEqual(headers['${header}'] || '', expected);
}
${equal}`;
    }
    case 'standard-ed25519':
      return `${head}
  // secret: the webhook's publicKey (whpk_...), all a receiver needs: the private key never leaves the service
  const id = headers['webhook-id'], timestamp = headers['webhook-timestamp'];
  if (!id || !timestamp || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const x = Buffer.from(secret.replace(/^whpk_/, ''), 'base64').toString('base64url');
  const key = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  const signed = Buffer.from(\`\${id}.\${timestamp}.\${rawBody}\`);
  // Several space-separated signatures while a rotated key is in its grace period
  return String(headers['webhook-signature'] || '').split(' ').some((signature) =>
    signature.startsWith('v1a,') && crypto.verify(null, signed, key, Buffer.from(signature.slice(4), 'base64')));
}`;
    case 'timestamped':
      return `${head}
  const parts = String(headers['${header}'] || '').split(',');
  const timestamp = (parts.find((part) => part.startsWith('t=')) || '').slice(2);
  if (!timestamp || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = crypto.createHmac('sha256', secret).update(\`\${timestamp}.\${rawBody}\`).digest('hex');
  return parts.some((part) => part.startsWith('v1=') && safeEqual(part.slice(3), expected));
}
${equal}`;
    default:
      return `${head}
  // The token is the secret itself
  return safeEqual(headers['${header}'] || '', secret);
}
${equal}`;
  }
}
