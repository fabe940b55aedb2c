// OpenID4VCI / OpenID4VP interop without a server (our driver; @openid4vc/* 0.4.6 are the reference wallet stacks):
//   node oid4vc-interop.mjs vci-proof METADATA_JSON CONFIG_ID NONCE ALG SIGNER   @openid4vc/openid4vci builds a key proof
//        (ALG EdDSA|ES256, SIGNER did|jwk; issuer metadata from the file) -> {jwt, did}
//   node oid4vc-interop.mjs vci-resolve OFFER_URI URLS_JSON   resolves the offer and the issuer's metadata (1.0 well-known
//        path; every URL answered from URLS_JSON {url: file}) -> {offer, issuer, configurations, ...}
//   node oid4vc-interop.mjs vp-resolve LINK URLS_JSON   @openid4vc/openid4vp resolves a request link (request_uri fetched
//        from URLS_JSON; the request object's signature verified against its did:key) -> {client, dcql, ...}
//   node oid4vc-interop.mjs vp-respond REQUEST_JSON VP_TOKEN_JSON   createOpenid4vpAuthorizationResponse for a
//        direct_post.jwt request (encryption to client_metadata.jwks, jose ECDH-ES) -> {response}
//   node oid4vc-interop.mjs vp-decrypt JWE_FILE PRIVATE_JWK_JSON   jose decrypts our wallet's response -> {header, payload}
// One JSON line on stdout; exit code 0 on success, 1 on a refusal, 2 on usage.
import {readFileSync} from 'node:fs';
import * as jose from 'jose';
import {Openid4vciClient} from '@openid4vc/openid4vci';
import {Openid4vpClient, createOpenid4vpAuthorizationResponse} from '@openid4vc/openid4vp';
import {clientAuthenticationAnonymous} from '@openid4vc/oauth2';
import {hash, generateRandom, holderKey, signJwtWith, verifyJwt, encryptJwe, mappedFetch, print} from './oid4vc-lib.mjs';

const json = (file) => JSON.parse(readFileSync(file, 'utf8'));

async function vciProof([metadataFile, configurationId, nonce, alg, signerKind]) {
  const metadata = json(metadataFile);
  const key = await holderKey(alg);
  const client = new Openid4vciClient({callbacks: {hash, generateRandom, signJwt: signJwtWith(key), clientAuthentication: clientAuthenticationAnonymous()}});
  const issuerMetadata = {credentialIssuer: metadata, authorizationServers: [], originalDraftVersion: undefined, knownCredentialConfigurations: metadata.credential_configurations_supported};
  const signer = signerKind === 'jwk' ? {method: 'jwk', publicJwk: key.publicJwk, alg} : {method: 'did', didUrl: key.kid, alg};
  const {jwt} = await client.createCredentialRequestJwtProof({issuerMetadata, credentialConfigurationId: configurationId, signer, nonce});
  return {jwt, did: key.did, publicJwk: key.publicJwk};
}

async function vciResolve([offerUri, urlsFile]) {
  const fetch = mappedFetch(json(urlsFile));
  const client = new Openid4vciClient({callbacks: {hash, generateRandom, fetch, signJwt: () => { throw new Error('no signing'); }, clientAuthentication: clientAuthenticationAnonymous()}});
  const offer = await client.resolveCredentialOffer(offerUri);
  const metadata = await client.resolveIssuerMetadata(offer.credential_issuer);
  const grant = offer.grants?.['urn:ietf:params:oauth:grant-type:pre-authorized_code'];
  return {
    issuer: metadata.credentialIssuer.credential_issuer,
    configurationIds: offer.credential_configuration_ids,
    preAuthorizedCode: grant?.['pre-authorized_code'],
    txCode: grant?.tx_code ?? null,
    nonceEndpoint: metadata.credentialIssuer.nonce_endpoint ?? null,
    tokenEndpoints: metadata.authorizationServers.map(a => a.token_endpoint),
    formats: Object.fromEntries(Object.entries(metadata.knownCredentialConfigurations).map(([id, c]) => [id, c.format])),
    originalDraftVersion: metadata.originalDraftVersion ?? null,
  };
}

async function vpResolve([link, urlsFile]) {
  const client = new Openid4vpClient({callbacks: {hash, fetch: mappedFetch(json(urlsFile)), verifyJwt, signJwt: () => { throw new Error('no signing'); }, encryptJwe, decryptJwe: () => { throw new Error('no decryption'); }}});
  const parsed = client.parseOpenid4vpAuthorizationRequest({authorizationRequest: link});
  const resolved = await client.resolveOpenId4vpAuthorizationRequest({authorizationRequestPayload: parsed.params});
  return {
    clientId: resolved.authorizationRequestPayload.client_id,
    client: {prefix: resolved.client.prefix, identifier: resolved.client.identifier},
    signedBy: resolved.jar?.signer ? {method: resolved.jar.signer.method, didUrl: resolved.jar.signer.didUrl ?? null} : null,
    responseMode: resolved.authorizationRequestPayload.response_mode,
    nonce: resolved.authorizationRequestPayload.nonce,
    dcql: resolved.dcql?.query ?? null,
    version: resolved.version,
  };
}

async function vpRespond([requestFile, vpTokenFile]) {
  const request = json(requestFile);
  const result = await createOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: request,
    authorizationResponsePayload: {vp_token: json(vpTokenFile)},
    jarm: {
      encryption: {nonce: 'wallet-nonce-1'},
      serverMetadata: {authorization_signing_alg_values_supported: [], authorization_encryption_alg_values_supported: ['ECDH-ES'], authorization_encryption_enc_values_supported: ['A128GCM', 'A256GCM']},
    },
    callbacks: {encryptJwe, signJwt: () => { throw new Error('no signing'); }},
  });
  return {response: result.jarm.responseJwt, state: request.state};
}

async function vpDecrypt([jweFile, privateJwkFile]) {
  const privateJwk = json(privateJwkFile);
  const {plaintext, protectedHeader} = await jose.compactDecrypt(readFileSync(jweFile, 'utf8').trim(), await jose.importJWK(privateJwk, 'ECDH-ES'));
  return {header: protectedHeader, payload: JSON.parse(new TextDecoder().decode(plaintext))};
}

const commands = {'vci-proof': vciProof, 'vci-resolve': vciResolve, 'vp-resolve': vpResolve, 'vp-respond': vpRespond, 'vp-decrypt': vpDecrypt};
const [command, ...args] = process.argv.slice(2);
if (!commands[command]) {
  console.error(`usage: node oid4vc-interop.mjs ${Object.keys(commands).join('|')} ARGS...`);
  process.exitCode = 2;
} else {
  try {
    print({ok: true, ...(await commands[command](args))});
  } catch (e) {
    print({ok: false, error: e.message, details: e.errorResponse ?? e.zodError?.issues ?? null});
    process.exitCode = 1;
  }
}
