// A receiver the browser tests steer: it answers POST /hook with the status last set, and verifies each delivery
// with the verification code the dashboard showed (the text of its snippet, run as written) and the secret shown.
//
//   node snippet_receiver.js PORT
//
// POST /control {"status"?, "snippet"?, "secret"?} changes what it does; GET /control/log lists what arrived:
// [{headers, body, status, verified}] where verified is null until a snippet is given.
const http = require('http');

let status = 200;
let verify = null;
let secret = null;
const log = [];

function readBody(request) {
  return new Promise((resolve) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

http.createServer(async (request, response) => {
  const body = await readBody(request);
  if (request.url === '/control' && request.method === 'POST') {
    const change = JSON.parse(body);
    if (change.status !== undefined) status = change.status;
    if (change.secret !== undefined) secret = change.secret;
    // The snippet defines verifyWebhook(rawBody, headers, secret) with require('crypto'), as the page shows it.
    if (change.snippet !== undefined) verify = new Function('require', `${change.snippet}\nreturn verifyWebhook;`)(require);
    response.writeHead(204).end();
  } else if (request.url === '/control/log') {
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(log));
  } else {
    const verified = verify ? verify(body, request.headers, secret) : null;
    log.push({ headers: request.headers, body, status, verified });
    response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status < 300 ? 'OK' : 'broken on purpose');
  }
}).listen(Number(process.argv[2]), '127.0.0.1');
