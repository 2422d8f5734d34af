// A stand-in for the `express` package (npm is not reachable here), implementing only what the seeds' receivers
// use: express(), app.use([path,] middleware), app.post(path, ...handlers), app.listen(port, callback),
// express.json() and express.raw({type}), req.headers with lowercased names, res.status(code).send(body).
//
// app.listen is a no-op unless `express.listenPort` is set: run_express_seed.js dispatches requests in-process
// (app.dispatch), and several of its runs may load seeds that all call app.listen(3000) at once. A live receiver
// (Tests/IntegrationTests/Receivers/serve_express_seed.js) sets `express.listenPort` to a free port; then
// app.listen serves the app over HTTP with Node's `http` module on 127.0.0.1 at that port, whatever port the seed
// asks for, and calls `express.onRequest(record)` (when set) with each request and its status before answering.
'use strict';
const http = require('http');

function isJSON(req) {
  return /^application\/json\s*(;|$)/i.test(req.headers['content-type'] || '');
}

function express() {
  const middlewares = [];
  const routes = [];
  const app = {
    use(pathOrMiddleware, middleware) {
      if (typeof pathOrMiddleware === 'function') {
        middlewares.push({ path: '/', handler: pathOrMiddleware });
      } else {
        middlewares.push({ path: pathOrMiddleware, handler: middleware });
      }
    },
    post(path, ...handlers) {
      routes.push({ path, handlers });
    },
    listen(port, callback) {
      if (express.listenPort === undefined) return { close() {} };
      const server = http.createServer((request, response) => serve(app, request, response));
      server.listen(express.listenPort, '127.0.0.1', callback);
      express.servers.push(server);
      return server;
    },
    // Runs one POST through the matching middlewares and route; returns the response status.
    dispatch(path, headers, rawBody) {
      return this.handle(path, headers, rawBody).statusCode;
    },
    // Runs one POST as dispatch does; returns the response ({statusCode, sent, body}). Handlers may throw.
    handle(path, headers, rawBody) {
      const req = { method: 'POST', path, headers, rawBody, body: undefined };
      const res = {
        statusCode: 200,
        sent: false,
        body: '',
        status(code) { this.statusCode = code; return this; },
        send(body) { this.sent = true; this.body = body === undefined ? '' : body; return this; },
      };
      const chain = middlewares
        .filter((m) => m.path === '/' || path === m.path || path.startsWith(m.path + '/'))
        .map((m) => m.handler);
      const route = routes.find((r) => r.path === path);
      if (!route) return res.status(404).send('Not Found');
      chain.push(...route.handlers);
      let index = 0;
      const next = (error) => {
        if (error) { res.status(error.status || 500).send(String(error)); return; }
        const handler = chain[index++];
        if (handler && !res.sent) handler(req, res, next);
      };
      next();
      return res.sent ? res : res.status(500).send('no response');
    },
  };
  express.apps.push(app);
  return app;
}

express.apps = [];
// The HTTP servers app.listen started (only when `express.listenPort` is set).
express.servers = [];

// Answers one HTTP request with `app`: reads the whole body, runs POSTs through app.handle (a handler that
// throws answers 500, as Express's default error handler does), anything else 404.
function serve(app, request, response) {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const path = request.url.split('?')[0];
    const rawBody = Buffer.concat(chunks);
    let answer = { statusCode: 404, body: 'Not Found' };
    if (request.method === 'POST') {
      try {
        answer = app.handle(path, request.headers, rawBody);
      } catch (error) {
        console.error(`${path}: ${error}`);
        answer = { statusCode: 500, body: 'Internal Server Error' };
      }
    }
    if (express.onRequest) {
      express.onRequest({ method: request.method, path, headers: request.headers, rawBody, status: answer.statusCode });
    }
    const body = Buffer.from(String(answer.body), 'utf8');
    response.writeHead(answer.statusCode, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length });
    response.end(body);
  });
}

// body-parser's json(): strict mode, only when the Content-Type is JSON; a parse failure answers 400.
express.json = () => (req, res, next) => {
  if (!isJSON(req)) return next();
  const text = req.rawBody.toString('utf8');
  if (!/^[\x20\x09\x0a\x0d]*[[{]/.test(text)) return next({ status: 400, message: 'strict' });
  try {
    req.body = JSON.parse(text);
  } catch (error) {
    return next({ status: 400, message: error.message });
  }
  next();
};

// body-parser's raw(): the body as a Buffer when the Content-Type matches.
express.raw = (options) => (req, res, next) => {
  const type = (options && options.type) || 'application/octet-stream';
  const contentType = (req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
  if (contentType === type) req.body = req.rawBody;
  next();
};

module.exports = express;
