import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessToken } from './oidc.js';

/** API access tokens must carry an expiry and say they are access tokens (RFC 9068 `typ: at+jwt`): issue 14, item 10. */
describe('API access token checks', () => {
  const issuer = 'https://idp.example';
  const audience = 'https://fellestjenester.example/api/v1';
  let keys: ReturnType<typeof createLocalJWKSet>;
  let privateKey: CryptoKey;
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey as CryptoKey;
    keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' }] });
  });

  const token = (o: { typ?: string | undefined; exp?: boolean; aud?: string; claims?: Record<string, unknown> } = {}) => {
    const jwt = new SignJWT({ client_id: 'dfo-lonn-system', ...o.claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', ...(o.typ === undefined ? {} : { typ: o.typ }) })
      .setIssuer(issuer)
      .setAudience(o.aud ?? audience)
      .setIssuedAt();
    if (o.exp !== false) jwt.setExpirationTime('10m');
    return jwt.sign(privateKey);
  };

  it('accepts an access token with typ at+jwt and an expiry', async () => {
    expect(await verifyAccessToken(await token({ typ: 'at+jwt' }), keys, { issuer, audience })).toBe('dfo-lonn-system');
  });

  it('refuses a token without an expiry', async () => {
    expect(await verifyAccessToken(await token({ typ: 'at+jwt', exp: false }), keys, { issuer, audience })).toBeUndefined();
  });

  it.each([['JWT'], [undefined], ['id_token+jwt'], ['logout+jwt']])('refuses a token of type %s (an ID token or another JWT the issuer signed)', async (typ) => {
    expect(await verifyAccessToken(await token({ typ }), keys, { issuer, audience })).toBeUndefined();
  });

  it('refuses another audience', async () => {
    expect(await verifyAccessToken(await token({ typ: 'at+jwt', aud: 'fellestjenester-portal' }), keys, { issuer, audience })).toBeUndefined();
  });
});
