// Serves a seed's Express receiver (copied verbatim in Tests/WebhookCoreTests/Verifiers/) over HTTP on 127.0.0.1.
// Usage: NODE_PATH=<Verifiers/node_shims> node serve_express_seed.js <seed file> <port> <log file>
// The seed's require('express') finds the stand-in, whose app.listen serves on <port> (express.listenPort) with
// Node's http module. The seed reads its secret from the environment variable it names (SUPPABOT_WEBHOOK_SECRET,
// SITEGPT_LEADS_TOKEN, POLLYBOT_WEBHOOK_SECRET). Every request is recorded with the status the seed answered.
'use strict';
const path = require('path');
const express = require('express');
const { record } = require('./receiver_log.js');

const [seedFile, port, logFile] = process.argv.slice(2);
express.listenPort = Number(port);
express.onRequest = (request) => record(logFile, request);
// Seed 000 is a bare `app.post(...)` snippet that assumes `express` and `app` exist (as run_express_seed.js does).
globalThis.express = express;
globalThis.app = express();
require(path.resolve(seedFile));
// Seeds 001 and 004 call app.listen(3000, ...) themselves; for the snippet, listen as its program would.
if (express.servers.length === 0) express.apps[express.apps.length - 1].listen(3000);
