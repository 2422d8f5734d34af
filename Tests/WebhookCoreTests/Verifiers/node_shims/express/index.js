// A stand-in for the `express` package (npm is not reachable here), implementing only what the seeds' receivers
// use: express(), app.use([path,] middleware), app.post(path, ...handlers), app.listen (a no-op: requests are
// dispatched in-process by run_express_seed.js), express.json() and express.raw({type}), req.headers with
// lowercased names, res.status(code).send(body).
'use strict';

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
    listen() {
      return { close() {} };
    },
    // Runs one POST through the matching middlewares and route; returns the response status.
    dispatch(path, headers, rawBody) {
      const req = { method: 'POST', path, headers, rawBody, body: undefined };
      const res = {
        statusCode: 200,
        sent: false,
        status(code) { this.statusCode = code; return this; },
        send() { this.sent = true; return this; },
      };
      const chain = middlewares
        .filter((m) => m.path === '/' || path === m.path || path.startsWith(m.path + '/'))
        .map((m) => m.handler);
      const route = routes.find((r) => r.path === path);
      if (!route) return 404;
      chain.push(...route.handlers);
      let index = 0;
      const next = (error) => {
        if (error) { res.status(error.status || 500).send(String(error)); return; }
        const handler = chain[index++];
        if (handler && !res.sent) handler(req, res, next);
      };
      next();
      return res.sent ? res.statusCode : 500;
    },
  };
  express.apps.push(app);
  return app;
}

express.apps = [];

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
