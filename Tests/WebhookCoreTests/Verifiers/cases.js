// Reads the delivery cases a Swift test wrote: one folder per case holding `body` (the raw bytes sent),
// `headers.json` ([[name, value], ...] as sent) and `secret` (the secret the receiver is configured with).
'use strict';
const fs = require('fs');
const path = require('path');

function readCases(directory) {
  return fs.readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const folder = path.join(directory, entry.name);
      const pairs = JSON.parse(fs.readFileSync(path.join(folder, 'headers.json'), 'utf8'));
      const headers = {};
      for (const [name, value] of pairs) headers[name.toLowerCase()] = value;
      return {
        name: entry.name,
        body: fs.readFileSync(path.join(folder, 'body')),
        headers,
        secret: fs.readFileSync(path.join(folder, 'secret'), 'utf8'),
      };
    });
}

module.exports = { readCases };
