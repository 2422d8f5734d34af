// Runs a seed's verification function (copied verbatim) against every case and writes {case: accepted} as JSON.
// Usage: node run_function_seed.mjs <seed002|seed003> <cases dir> <results file>
//   seed002: verifySignature(rawBody, headers['x-webhook-signature'], secret), the body as the raw bytes.
//   seed003: verify(req) with req.headers as Express gives them (lowercased) and req.body = JSON.parse(body),
//            as express.json() would, and process.env.AGENTBOT_SECRET = secret.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { createRequire } from 'module';
import { fileURLToPath, pathToFileURL } from 'url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { readCases } = require('./cases.js');
const [seed, casesDirectory, resultsFile] = process.argv.slice(2);

// The seed files hold only the docs' code; load each with one export line appended (in a temporary copy).
async function load(file, name, moduleKind) {
  const source = fs.readFileSync(path.join(here, file), 'utf8');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-'));
  const copy = path.join(folder, moduleKind === 'esm' ? 'seed.mjs' : 'seed.cjs');
  const exportLine = moduleKind === 'esm' ? `\nexport { ${name} };\n` : `\nmodule.exports = ${name};\n`;
  fs.writeFileSync(copy, source + exportLine);
  const loaded = moduleKind === 'esm' ? (await import(pathToFileURL(copy)))[name] : require(copy);
  fs.rmSync(folder, { recursive: true });
  return loaded;
}

const check = seed === 'seed002'
  ? await (async () => {
    const verifySignature = await load('seed002_node.js', 'verifySignature', 'cjs');
    return (delivery) => verifySignature(delivery.body, delivery.headers['x-webhook-signature'], delivery.secret);
  })()
  : await (async () => {
    const verify = await load('seed003_node.mjs', 'verify', 'esm');
    return (delivery) => {
      process.env.AGENTBOT_SECRET = delivery.secret;
      return verify({ headers: delivery.headers, body: JSON.parse(delivery.body.toString('utf8')) });
    };
  })();

const results = {};
for (const delivery of readCases(casesDirectory)) {
  try {
    results[delivery.name] = check(delivery) === true;
  } catch (error) {
    // timingSafeEqual throws on a length mismatch: the receiver rejects the request.
    console.error(`${delivery.name}: ${error}`);
    results[delivery.name] = false;
  }
}
fs.writeFileSync(resultsFile, JSON.stringify(results));
