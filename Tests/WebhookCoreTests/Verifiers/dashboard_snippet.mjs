// Runs the verification code the dashboard shows with a new secret (Sources/Dashboard/Assets/js/secret.js), as the
// page writes it, over the delivery cases a Swift test wrote (layout in cases.js), and writes {case: accepted}.
//
//   node --experimental-default-type=module dashboard_snippet.mjs SECRET_JS CASES_DIR SCHEME HEADER_NAME RESULTS
// (the flag loads the dashboard's .js files, which are ES modules without a package.json, as modules)
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [secretModule, casesDirectory, scheme, headerName, resultsFile] = process.argv.slice(2);
const { verificationSnippet } = await import(pathToFileURL(secretModule).href);
const require = createRequire(import.meta.url);
const snippet = verificationSnippet(scheme, headerName);
const verifyWebhook = new Function('require', `${snippet}\nreturn verifyWebhook;`)(require);

const results = {};
for (const entry of fs.readdirSync(casesDirectory, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  const folder = path.join(casesDirectory, entry.name);
  const headers = {};
  for (const [name, value] of JSON.parse(fs.readFileSync(path.join(folder, 'headers.json'), 'utf8'))) {
    headers[name.toLowerCase()] = value;
  }
  // A receiver reads the body as text (Express's raw body as a string), then verifies.
  const body = fs.readFileSync(path.join(folder, 'body'), 'utf8');
  const secret = fs.readFileSync(path.join(folder, 'secret'), 'utf8');
  results[entry.name] = verifyWebhook(body, headers, secret) === true;
}
fs.writeFileSync(resultsFile, JSON.stringify(results));
