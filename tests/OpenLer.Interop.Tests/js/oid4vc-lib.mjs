// Shared callbacks for the @openid4vc/* 0.4.x libraries (our own glue; the libraries are the reference stacks, pinned in
// package.json): hashing, randomness, JWS signing and verification with node:crypto / jose, ECDH-ES JWE with jose, DID
// resolution for did:key and did:jwk only, and a fetch that answers from a URL -> file map (tests) or refuses anything
// but loopback (the wallet drivers).
import {readFileSync} from 'node:fs';
import {createHash, randomBytes, generateKeyPairSync} from 'node:crypto';
import * as jose from 'jose';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';

export const hash = (data, alg) => new Uint8Array(createHash({'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512'}[alg] ?? 'sha256').update(data).digest());
export const generateRandom = (n) => new Uint8Array(randomBytes(n));

/** A fresh holder key: {alg, privateJwk, publicJwk, did, kid}. */
export async function holderKey(alg = 'EdDSA') {
  const {privateKey, publicKey} = alg === 'ES256'
    ? generateKeyPairSync('ec', {namedCurve: 'P-256'})
    : generateKeyPairSync('ed25519');
  const privateJwk = privateKey.export({format: 'jwk'});
  const publicJwk = publicKey.export({format: 'jwk'});
  const multikey = alg === 'ES256' ? await EcdsaMultikey.fromJwk({jwk: publicJwk}) : await Ed25519Multikey.fromJwk({jwk: publicJwk});
  const did = `did:key:${multikey.publicKeyMultibase}`;
  return {alg, privateJwk, publicJwk, did, kid: `${did}#${multikey.publicKeyMultibase}`};
}

/** The public JWK a did:key or did:jwk DID URL names (other methods are refused: tests run offline). */
export async function jwkOfDidUrl(didUrl) {
  const did = didUrl.split('#')[0];
  if (did.startsWith('did:jwk:')) return JSON.parse(Buffer.from(did.slice(8), 'base64url').toString('utf8'));
  if (!did.startsWith('did:key:z')) throw new Error(`only did:key and did:jwk are resolved here: ${did}`);
  const multibase = did.slice(8);
  const vm = {type: 'Multikey', controller: did, id: `${did}#${multibase}`, publicKeyMultibase: multibase};
  if (multibase.startsWith('z6Mk')) return Ed25519Multikey.toJwk({keyPair: await Ed25519Multikey.from(vm)});
  return EcdsaMultikey.toJwk({keyPair: await EcdsaMultikey.from(vm)});
}

export function signJwtWith(key) {
  return async (signer, {header, payload}) => {
    const jwt = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({...header, alg: key.alg})
      .sign(await jose.importJWK(key.privateJwk, key.alg));
    return {jwt, signerJwk: key.publicJwk};
  };
}

export async function verifyJwt(signer, {compact, header}) {
  if (!['EdDSA', 'ES256', 'ES384'].includes(header.alg)) return {verified: false};
  const jwk = signer.method === 'jwk' ? signer.publicJwk : signer.method === 'did' ? await jwkOfDidUrl(signer.didUrl) : null;
  if (!jwk) return {verified: false};
  try {
    await jose.compactVerify(compact, await jose.importJWK(jwk, header.alg));
    return {verified: true, signerJwk: jwk};
  } catch {
    return {verified: false, signerJwk: jwk};
  }
}

export async function encryptJwe(encryptor, data) {
  const header = {alg: encryptor.alg, enc: encryptor.enc};
  if (encryptor.publicJwk.kid) header.kid = encryptor.publicJwk.kid;
  const builder = new jose.CompactEncrypt(new TextEncoder().encode(data)).setProtectedHeader(header);
  const params = {};
  if (encryptor.apu) params.apu = Buffer.from(encryptor.apu, 'base64url');
  if (encryptor.apv) params.apv = Buffer.from(encryptor.apv, 'base64url');
  if (Object.keys(params).length) builder.setKeyManagementParameters(params);
  return {jwe: await builder.encrypt(await jose.importJWK(encryptor.publicJwk, encryptor.alg)), encryptionJwk: encryptor.publicJwk};
}

/** fetch from a URL -> file map (answers 404 for anything else; nothing leaves the machine). */
export function mappedFetch(urls) {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input.url ?? String(input);
    const file = urls[url.split('#')[0]];
    if (!file) return new Response('not mapped', {status: 404});
    const body = readFileSync(file, 'utf8');
    const type = body.trim().startsWith('{') ? 'application/json' : 'application/oauth-authz-req+jwt';
    return new Response(body, {status: 200, headers: {'content-type': type}});
  };
}

/** fetch for the wallet drivers: loopback only, unless allowed. */
export function loopbackFetch(allowAny = false) {
  return async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input.url ?? String(input));
    if (!allowAny && !['127.0.0.1', 'localhost', '[::1]', '::1'].includes(url.hostname)) {
      throw new Error(`refusing ${url.origin}: the drivers talk to loopback only (--allow-non-loopback)`);
    }
    return fetch(input, init);
  };
}

export function print(line) { console.log(JSON.stringify(line)); }
