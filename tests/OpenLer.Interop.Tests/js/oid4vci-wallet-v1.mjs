// An OpenID4VCI 1.0 wallet built on @openid4vc/openid4vci 0.4.6 (OpenWallet Foundation), for the server-level interop tests:
//   node oid4vci-wallet-v1.mjs OFFER_URI [--tx-code CODE] [--alg EdDSA|ES256] [--signer did|jwk] [--config ID]
//                              [--out FILE] [--allow-non-loopback]
// Flow: resolve the offer (by value or credential_offer_uri) -> issuer metadata (1.0 well-known path) and AS metadata ->
// token with pre-authorized_code (+ tx_code) -> nonce endpoint -> key proof (fresh holder key; kid did:key, or jwk) ->
// credential request {credential_configuration_id, proofs: {jwt: [...]}} for each offered configuration (or --config).
// Prints one JSON line: {ok, issuer, holder: {did, publicJwk}, credentials: [{configurationId, format, credential}]}
// (--out FILE also writes them and the holder's private JWK to FILE / FILE.holder-key.json). Talks to loopback only.
// Exit: 0 received, 1 refused by the issuer (error body printed), 2 usage.
import {writeFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {Openid4vciClient} from '@openid4vc/openid4vci';
import {clientAuthenticationAnonymous} from '@openid4vc/oauth2';
import {setGlobalConfig} from '@openid4vc/utils';
import {hash, generateRandom, holderKey, signJwtWith, loopbackFetch, print} from './oid4vc-lib.mjs';

const {values: o, positionals} = parseArgs({allowPositionals: true, options: {
  'tx-code': {type: 'string'}, alg: {type: 'string', default: 'EdDSA'}, signer: {type: 'string', default: 'did'},
  config: {type: 'string'}, out: {type: 'string'}, 'allow-non-loopback': {type: 'boolean', default: false},
}});
if (positionals.length !== 1) {
  console.error('usage: node oid4vci-wallet-v1.mjs OFFER_URI [--tx-code CODE] [--alg EdDSA|ES256] [--signer did|jwk] [--config ID] [--out FILE]');
  process.exit(2);
}

// The test server listens on http://127.0.0.1: allow http URLs there (the fetch below refuses anything but loopback).
setGlobalConfig({allowInsecureUrls: true});

try {
  const key = await holderKey(o.alg);
  const client = new Openid4vciClient({callbacks: {
    hash, generateRandom, signJwt: signJwtWith(key), fetch: loopbackFetch(o['allow-non-loopback']), clientAuthentication: clientAuthenticationAnonymous(),
  }});
  const credentialOffer = await client.resolveCredentialOffer(positionals[0]);
  const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
  const {accessTokenResponse} = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
    credentialOffer, issuerMetadata, ...(o['tx-code'] ? {txCode: o['tx-code']} : {}),
  });
  const signer = o.signer === 'jwk' ? {method: 'jwk', publicJwk: key.publicJwk, alg: o.alg} : {method: 'did', didUrl: key.kid, alg: o.alg};
  const credentials = [];
  for (const configurationId of o.config ? [o.config] : credentialOffer.credential_configuration_ids) {
    const {c_nonce: nonce} = await client.requestNonce({issuerMetadata});
    const {jwt} = await client.createCredentialRequestJwtProof({issuerMetadata, credentialConfigurationId: configurationId, signer, nonce});
    const response = await client.retrieveCredentials({
      issuerMetadata, accessToken: accessTokenResponse.access_token, credentialConfigurationId: configurationId, proofs: {jwt: [jwt]},
    });
    for (const entry of response.credentialResponse.credentials ?? []) {
      credentials.push({configurationId, format: issuerMetadata.knownCredentialConfigurations[configurationId]?.format, credential: entry.credential});
    }
  }
  if (o.out) {
    writeFileSync(o.out, JSON.stringify(credentials, null, 2) + '\n');
    writeFileSync(`${o.out}.holder-key.json`, JSON.stringify({did: key.did, kid: key.kid, privateJwk: key.privateJwk}, null, 2) + '\n');
  }
  print({ok: true, issuer: credentialOffer.credential_issuer, holder: {did: key.did, publicJwk: key.publicJwk}, credentials});
} catch (e) {
  print({ok: false, error: e.message, response: e.response?.credentialErrorResponseResult?.data ?? e.errorResponse ?? null});
  process.exitCode = 1;
}
