// Records what a live seed receiver got and answered, one JSON line per request, in the same format as
// receiver_log.py: {verdict: "verified" | "rejected", status, path, deliveryId, headers, body, payload}.
'use strict';
const fs = require('fs');

// Appends one request ({path, headers (lowercased names), rawBody (Buffer), status}) to `logFile`.
function record(logFile, { path, headers, rawBody, status }) {
  let payload = null;
  try {
    payload = JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    // Not JSON: recorded as null.
  }
  const deliveryHeader = Object.keys(headers).find((name) => name.endsWith('-delivery-id'));
  const line = JSON.stringify({
    verdict: status === 200 ? 'verified' : 'rejected',
    status,
    path,
    deliveryId: deliveryHeader === undefined ? null : headers[deliveryHeader],
    headers,
    body: rawBody.toString('utf8'),
    payload,
  });
  fs.appendFileSync(logFile, line + '\n');
}

module.exports = { record };
