/**
 * The portal as an OpenID Connect relying party (openid-client): authorization code with PKCE, state and nonce.
 * Any issuer works — ID-porten, Ansattporten or the embedded development provider. Discovery is done on first use
 * and kept, so the portal starts even when the issuer is briefly unreachable.
 */
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config.js';

export interface LoginState {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email?: string | undefined;
  emailVerified?: boolean | undefined;
  name?: string | undefined;
  idToken?: string | undefined;
}

/** An http issuer is allowed only on loopback (development and tests); anything else must be https. */
export function isLoopbackHttp(issuer: string): boolean {
  const u = new URL(issuer);
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

export class RelyingParty {
  private discovered?: Promise<client.Configuration>;
  private jwks?: JWTVerifyGetKey;

  constructor(
    private readonly settings: NonNullable<Config['oidc']>,
    private readonly publicUrl: string,
    private readonly apiAudience: string,
  ) {}

  get redirectUri(): string {
    return `${this.publicUrl}/auth/callback`;
  }

  configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const insecure = isLoopbackHttp(this.settings.issuer);
      this.discovered = client
        .discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, client.ClientSecretPost(this.settings.clientSecret), {
          execute: insecure ? [client.allowInsecureRequests] : [],
        })
        .catch((e: unknown) => {
          this.discovered = undefined; // try again next time
          throw e;
        });
    }
    return this.discovered;
  }

  async startLogin(returnTo: string): Promise<{ url: string; state: LoginState }> {
    const config = await this.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const state: LoginState = { state: client.randomState(), nonce: client.randomNonce(), verifier, returnTo };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: state.state,
      nonce: state.nonce,
      ...(this.settings.promptLogin ? { prompt: 'login' } : {}),
    });
    return { url: url.href, state };
  }

  /** Exchanges the code (checking state, nonce and PKCE) and returns who signed in. */
  async finishLogin(callbackUrl: URL, expected: LoginState): Promise<VerifiedIdentity> {
    const config = await this.configuration();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.verifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    let email = typeof claims.email === 'string' ? claims.email : undefined;
    let emailVerified = claims.email_verified === true;
    let name = typeof claims.name === 'string' ? claims.name : undefined;
    if ((!email || !name) && config.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      email ??= typeof info.email === 'string' ? info.email : undefined;
      emailVerified ||= info.email_verified === true;
      name ??= typeof info.name === 'string' ? info.name : undefined;
    }
    return { issuer: claims.iss, subject: claims.sub, email, emailVerified, name, idToken: tokens.id_token };
  }

  async logoutUrl(idToken: string | null, postLogoutRedirectUri: string): Promise<string | undefined> {
    const config = await this.configuration();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, { post_logout_redirect_uri: postLogoutRedirectUri, ...(idToken ? { id_token_hint: idToken } : {}) }).href;
  }

  /**
   * Verifies a bearer access token (a JWT from the issuer, RFC 9068) for the API: signature against the issuer's
   * JWKS, issuer, audience and expiry. Returns the OAuth client id, or undefined if the token is not good.
   */
  async verifyAccessToken(token: string): Promise<string | undefined> {
    if (!this.jwks) {
      const config = await this.configuration();
      const uri = config.serverMetadata().jwks_uri;
      if (!uri) return undefined;
      this.jwks = createRemoteJWKSet(new URL(uri));
    }
    return verifyAccessToken(token, this.jwks, { issuer: this.settings.issuer, audience: this.apiAudience });
  }
}

/** RFC 9068's media type for JWT access tokens (oidc-provider and ID-porten set it); an ID token has `JWT` or none. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/**
 * An API access token's client id, or undefined: the signature against the issuer's keys, the issuer, the API's
 * audience, an expiry (`exp` required: a token without one would be good forever) and the access-token type
 * (`typ: at+jwt`, so an ID token or any other JWT the issuer signed cannot be replayed as an access token).
 */
export async function verifyAccessToken(token: string, keys: JWTVerifyGetKey, expected: { issuer: string; audience: string }): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: expected.issuer,
      audience: expected.audience,
      typ: ACCESS_TOKEN_TYPE,
      requiredClaims: ['exp', 'iat', 'client_id'],
      algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      clockTolerance: 5,
    });
    const clientId = payload.client_id;
    return typeof clientId === 'string' ? clientId : undefined;
  } catch {
    return undefined;
  }
}
