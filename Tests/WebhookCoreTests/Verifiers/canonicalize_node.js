// For every <name>.json in a folder writes <name>.out = JSON.stringify(JSON.parse(contents)) (UTF-8),
// or <name>.error when JSON.parse throws.
// Usage: node canonicalize_node.js <folder>
'use strict';
const fs = require('fs');
const path = require('path');

const folder = process.argv[2];
for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.json'))) {
  const base = path.join(folder, file.slice(0, -'.json'.length));
  try {
    fs.writeFileSync(base + '.out', JSON.stringify(JSON.parse(fs.readFileSync(path.join(folder, file)))));
  } catch (error) {
    fs.writeFileSync(base + '.error', String(error));
  }
}
