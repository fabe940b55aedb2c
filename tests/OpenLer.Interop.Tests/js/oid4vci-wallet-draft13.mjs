// An OpenID4VCI draft 13 client built on @sphereon/oid4vci-client 0.16.0 (draft 13 only; newer versions do not install
// from the registry here), for the server-level interop tests:
//   node oid4vci-wallet-draft13.mjs OFFER_URI [--tx-code CODE] [--alg EdDSA|ES256] [--signer did|jwk] [--config ID] [--out FILE]
// Flow (sphereon's documented classes): OpenID4VCIClientV1_0_13.fromURI (offer, issuer metadata at the legacy
// <issuer>/.well-known/openid-credential-issuer, AS metadata) -> acquireAccessToken (pin = tx_code; c_nonce from the token
// response) -> ProofOfPossessionBuilder (openid4vci-proof+jwt, kid did:key or jwk) -> CredentialRequestClientBuilderV1_0_13
// {format, credential_definition | vct, proof}. Prints one JSON line {ok, issuer, holder, credential, format}.
// Talks to loopback only (every address it will call is checked first). Exit: 0 received, 1 refused, 2 usage.
import {writeFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import * as jose from 'jose';
import {holderKey, print} from './oid4vc-lib.mjs';

const {values: o, positionals} = parseArgs({allowPositionals: true, options: {
  'tx-code': {type: 'string'}, alg: {type: 'string', default: 'EdDSA'}, signer: {type: 'string', default: 'did'},
  config: {type: 'string'}, out: {type: 'string'}, 'allow-non-loopback': {type: 'boolean', default: false},
}});
if (positionals.length !== 1) {
  console.error('usage: node oid4vci-wallet-draft13.mjs OFFER_URI [--tx-code CODE] [--alg EdDSA|ES256] [--signer did|jwk] [--config ID] [--out FILE]');
  process.exit(2);
}

// sphereon fetches with its own client, so the addresses are checked here: the offer (or offer URI), the issuer, and the
// token and credential endpoints it will call, before each step.
const loopback = (url) => ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(new URL(url).hostname);
function assertLoopback(url, what) {
  if (!o['allow-non-loopback'] && !loopback(url)) throw new Error(`refusing ${what} ${new URL(url).origin}: loopback only (--allow-non-loopback)`);
}

function offerTarget(uri) {
  const query = new URLSearchParams(uri.slice(uri.indexOf('?') + 1));
  if (query.get('credential_offer_uri')) return query.get('credential_offer_uri');
  return JSON.parse(query.get('credential_offer') ?? '{}').credential_issuer;
}

try {
  const {OpenID4VCIClientV1_0_13, CredentialRequestClientBuilderV1_0_13, ProofOfPossessionBuilder} = await import('@sphereon/oid4vci-client');
  const key = await holderKey(o.alg);
  const privateKey = await jose.importJWK(key.privateJwk, o.alg);
  assertLoopback(offerTarget(positionals[0]), 'offer');
  const client = await OpenID4VCIClientV1_0_13.fromURI({uri: positionals[0], retrieveServerMetadata: true, resolveOfferUri: true});
  const offer = client.credentialOffer.credential_offer;
  const metadata = client.endpointMetadata?.credentialIssuerMetadata;
  const configurationId = o.config ?? offer.credential_configuration_ids[0];
  const config = metadata?.credential_configurations_supported?.[configurationId];
  if (!config) throw new Error(`configuration ${configurationId} is not in the issuer's draft 13 metadata`);
  assertLoopback(offer.credential_issuer, 'issuer');
  assertLoopback(client.endpointMetadata.token_endpoint, 'token endpoint');
  assertLoopback(metadata.credential_endpoint, 'credential endpoint');
  await client.acquireAccessToken(o['tx-code'] ? {pin: o['tx-code']} : {});
  const proof = ProofOfPossessionBuilder.fromAccessTokenResponse({
    accessTokenResponse: client.accessTokenResponse,
    callbacks: {signCallback: async (args) => new jose.SignJWT({...args.payload}).setProtectedHeader({...args.header}).sign(privateKey)},
    version: client.version(),
  }).withIssuer(client.getIssuer()).withAlg(o.alg);
  if (o.signer === 'jwk') proof.withJWK(key.publicJwk); else proof.withKid(key.kid);
  const requests = CredentialRequestClientBuilderV1_0_13.fromCredentialOffer({credentialOffer: client.credentialOffer, metadata: client.endpointMetadata})
    .withTokenFromResponse(client.accessTokenResponse).build();
  const format = config.format;
  const options = format === 'vc+sd-jwt' ? {format, credentialTypes: [config.vct]}
    : {format, credentialTypes: config.credential_definition?.type, ...(format === 'ldp_vc' ? {context: config.credential_definition?.['@context']} : {})};
  const response = await requests.acquireCredentialsUsingProof({proofInput: proof, ...options});
  if (response.errorBody || !response.successBody) {
    print({ok: false, status: response.origResponse?.status ?? null, error: response.errorBody ?? null});
    process.exitCode = 1;
  } else {
    const credential = response.successBody.credential;
    if (o.out) {
      writeFileSync(o.out, (typeof credential === 'string' ? credential : JSON.stringify(credential, null, 2)) + '\n');
      writeFileSync(`${o.out}.holder-key.json`, JSON.stringify({did: key.did, kid: key.kid, privateJwk: key.privateJwk}, null, 2) + '\n');
    }
    print({ok: true, issuer: offer.credential_issuer, configurationId, format, holder: {did: key.did, publicJwk: key.publicJwk}, credential,
      cNonce: response.successBody.c_nonce ?? null});
  }
} catch (e) {
  print({ok: false, error: e.message});
  process.exitCode = 1;
}
