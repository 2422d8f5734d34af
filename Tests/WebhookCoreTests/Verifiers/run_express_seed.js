// Runs a seed's Express receiver (copied verbatim) against every case and writes {case: accepted} as JSON.
// Usage: node run_express_seed.js <seed file> <route> <secret env var> <cases dir> <results file>
// Needs NODE_PATH to include node_shims/ so the seed's require('express') finds the stand-in.
'use strict';
const fs = require('fs');
const path = require('path');
const express = require('express');
const { readCases } = require('./cases.js');

const [seedFile, route, secretVariable, casesDirectory, resultsFile] = process.argv.slice(2);

// The seeds log what they receive; keep stdout for nothing else and send their logs to stderr.
console.log = (...args) => console.error(...args);
// Seed 000 is a bare `app.post(...)` snippet that assumes `express` and `app` exist.
globalThis.express = express;
globalThis.app = express();
require(path.resolve(seedFile));
const app = express.apps[express.apps.length - 1];

const results = {};
for (const delivery of readCases(casesDirectory)) {
  process.env[secretVariable] = delivery.secret;
  let status;
  try {
    status = app.dispatch(route, delivery.headers, delivery.body);
  } catch (error) {
    console.error(`${delivery.name}: ${error}`);
    status = 500;
  }
  results[delivery.name] = status === 200;
}
fs.writeFileSync(resultsFile, JSON.stringify(results));
