// Serves a seed's verification function (copied verbatim in Tests/WebhookCoreTests/Verifiers/) as an HTTP
// receiver on 127.0.0.1, with Node's http module, calling the function on every request.
// Usage: node serve_function_seed.mjs <seed002|seed003> <seed file> <port> <log file>
//   seed002: verifySignature(rawBody, req.headers['x-webhook-signature'], process.env.WEBHOOK_SECRET)
//   seed003: verify(req) with req.headers as Node gives them (lowercased) and req.body = JSON.parse(rawBody), as
//            express.json() would; the seed reads process.env.AGENTBOT_SECRET itself.
// Answers 200 when the function returns true; 401 when it returns false or throws (timingSafeEqual throws on a
// length mismatch, the seeds' header parsing on a missing header); 400 when seed003's body is not JSON.
// Every request is recorded with the status answered (receiver_log.js).
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { createRequire } from 'module';
import { pathToFileURL } from 'url';

const require = createRequire(import.meta.url);
const { record } = require('./receiver_log.js');
const [seed, seedFile, port, logFile] = process.argv.slice(2);

// The seed files hold only the docs' code; load one with an export line appended, in a temporary copy
// (as run_function_seed.mjs does).
async function load(file, name, moduleKind) {
  const source = fs.readFileSync(file, 'utf8');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-'));
  const copy = path.join(folder, moduleKind === 'esm' ? 'seed.mjs' : 'seed.cjs');
  const exportLine = moduleKind === 'esm' ? `\nexport { ${name} };\n` : `\nmodule.exports = ${name};\n`;
  fs.writeFileSync(copy, source + exportLine);
  const loaded = moduleKind === 'esm' ? (await import(pathToFileURL(copy)))[name] : require(copy);
  fs.rmSync(folder, { recursive: true });
  return loaded;
}

// The status a request gets: the seed's verdict on (headers, rawBody).
const check = seed === 'seed002'
  ? await (async () => {
    const verifySignature = await load(seedFile, 'verifySignature', 'cjs');
    return (headers, rawBody) => verifySignature(rawBody, headers['x-webhook-signature'], process.env.WEBHOOK_SECRET);
  })()
  : await (async () => {
    const verify = await load(seedFile, 'verify', 'esm');
    return (headers, rawBody) => {
      let body;
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch (error) {
        return 400;
      }
      return verify({ headers, body });
    };
  })();

function status(headers, rawBody) {
  try {
    const verdict = check(headers, rawBody);
    return verdict === true ? 200 : typeof verdict === 'number' ? verdict : 401;
  } catch (error) {
    console.error(`rejected: ${error}`);
    return 401;
  }
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const rawBody = Buffer.concat(chunks);
    const answer = request.method === 'POST' ? status(request.headers, rawBody) : 404;
    record(logFile, { path: request.url.split('?')[0], headers: request.headers, rawBody, status: answer });
    const body = { 200: 'OK', 400: 'Bad Request', 401: 'Unauthorized' }[answer] || 'Not Found';
    response.writeHead(answer, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  });
});
server.listen(Number(port), '127.0.0.1');
