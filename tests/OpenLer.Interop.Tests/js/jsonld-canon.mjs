// OpenLER interop driver for JSON-LD (our own script; jsonld.js is the reference implementation, a dependency of
// @digitalbazaar/vc pinned by package-lock.json).
//   node jsonld-canon.mjs CONTEXTS_DIR FILE...   one JSON line per file: {file, nquads} or {file, error}
// Each document loses its "proof", then jsonld.canonize (toRdf + RDFC-1.0) runs in safe mode, offline: contexts come
// only from CONTEXTS_DIR/contexts.json (../shared/contexts); any other URL makes the loader throw.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import jsonld from 'jsonld';

const [contextsDir, ...files] = process.argv.slice(2);
const map = JSON.parse(readFileSync(join(contextsDir, 'contexts.json'), 'utf8'));
const documentLoader = async url => {
  if (!map[url]) throw new Error(`offline loader refuses ${url}`);
  return {contextUrl: null, documentUrl: url, document: JSON.parse(readFileSync(join(contextsDir, map[url]), 'utf8'))};
};

for (const file of files) {
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    delete doc.proof;
    const nquads = await jsonld.canonize(doc, {algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true});
    console.log(JSON.stringify({file, nquads}));
  } catch (e) {
    console.log(JSON.stringify({file, error: String(e && e.message || e)}));
  }
}
