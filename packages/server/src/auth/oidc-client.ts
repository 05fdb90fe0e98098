/**
 * The OpenID Connect relying party (issue 13, docs/identity.md): SPID and CIE for citizens, the regional
 * identity provider for operators, all through one client (openid-client).
 *
 * As the SPID/CIE OpenID Connect rules ask: authorization code flow with PKCE (S256); the authorization
 * request is a request object signed with the client's key (JAR), its main parameters repeated in the
 * query; `state` and `nonce` random and bound to the browser by a transaction cookie; the client
 * authenticates at the token endpoint with `private_key_jwt`; the authentication level (`acr`) must be
 * at least the configured one (SpidL2); the fiscal number (`https://attributes.eid.gov.it/fiscal_number`,
 * `TINIT-<CF>`) comes from the userinfo endpoint (or the ID token).
 *
 * Every failure becomes a LoginFlowError with a reason the login page explains in Italian; nothing of
 * the flow ends in a 500.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as client from 'openid-client';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { isValidFiscalCode } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { insertOidcTransaction, takeOidcTransaction } from '../db/repositories/identity.js';

export const OIDC_PROVIDERS = ['spid', 'cie', 'operatore'] as const;
export type OidcProviderName = (typeof OIDC_PROVIDERS)[number];

export const FISCAL_NUMBER_CLAIM = 'https://attributes.eid.gov.it/fiscal_number';
export const SPID_LEVELS = [
  'https://www.spid.gov.it/SpidL1',
  'https://www.spid.gov.it/SpidL2',
  'https://www.spid.gov.it/SpidL3',
] as const;
/** a started login must come back within this time */
export const TRANSACTION_TTL_MS = 10 * 60_000;
export const TRANSACTION_COOKIE = 'esz_oidc';

/** Why a login through a provider did not succeed: the login page (/accesso?errore=…) words each one. */
export type LoginFlowReason =
  | 'stato' // no transaction, expired, or the state does not match (a forged or replayed callback)
  | 'codice' // the provider refused the code (replayed, expired, or not issued to this client)
  | 'annullato' // the person stopped at the provider
  | 'livello' // authentication level below SpidL2
  | 'identita' // no valid fiscal number among the claims
  | 'sconosciuto' // the fiscal code is not a person known to the region
  | 'operatore' // no operator profile
  | 'provider'; // the provider could not be reached or answered something unusable

export class LoginFlowError extends Error {
  constructor(
    readonly reason: LoginFlowReason,
    message: string,
  ) {
    super(message);
    this.name = 'LoginFlowError';
  }
}

export interface VerifiedIdentity {
  provider: OidcProviderName;
  fiscalCode: string;
  acr: string | undefined;
}

export interface ProviderSettings {
  issuer: string;
  /** citizens' providers require the minimum level; the regional provider's level is its own policy */
  requireLevel: boolean;
  /** the claim holding the fiscal code */
  fiscalClaim: string;
}

export interface RelyingPartySettings {
  clientId: string;
  /** the address people open: redirect URIs are <publicUrl>/api/auth/oidc/<provider>/callback */
  publicUrl: string;
  providers: Partial<Record<OidcProviderName, ProviderSettings>>;
  minAcr: string;
  allowHttpIssuers: boolean;
  key: ClientKey;
}

export interface ClientKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
  kid: string;
}

/** The client's key: the private JWK of OIDC_CLIENT_KEY_FILE, or (demo) one generated now. */
export async function loadClientKey(file: string | undefined): Promise<ClientKey> {
  let jwk: JWK;
  if (file) {
    try {
      jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    } catch (e) {
      throw new Error(
        `OIDC_CLIENT_KEY_FILE: chiave non leggibile (${e instanceof Error ? e.message : 'errore'})`,
      );
    }
  } else {
    const pair = await generateKeyPair('RS256', { extractable: true });
    jwk = await exportJWK(pair.privateKey);
  }
  const alg = jwk.alg ?? 'RS256';
  const privateKey = (await importJWK({ ...jwk, alg }, alg)) as CryptoKey;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  const kid =
    jwk.kid ??
    createHash('sha256')
      .update(JSON.stringify([pub.n, pub.e, pub.x, pub.y]))
      .digest('base64url');
  return { privateKey, publicJwk: { ...pub, kid, alg, use: 'sig' }, kid };
}

export const redirectUri = (publicUrl: string, provider: OidcProviderName) =>
  `${publicUrl}/api/auth/oidc/${provider}/callback`;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const levelOf = (acr: string | undefined) => SPID_LEVELS.indexOf((acr ?? '') as (typeof SPID_LEVELS)[number]);

export function fiscalCodeOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const cf = value
    .trim()
    .toUpperCase()
    .replace(/^TINIT-/, '');
  return isValidFiscalCode(cf) ? cf : null;
}

export class RelyingParty {
  private readonly configs = new Map<OidcProviderName, Promise<client.Configuration>>();

  constructor(
    private readonly db: Db,
    readonly settings: RelyingPartySettings,
  ) {}

  enabled(provider: OidcProviderName): boolean {
    return this.settings.providers[provider] !== undefined;
  }

  /** The public key providers verify our request objects and assertions with (published as JWKS). */
  jwks(): { keys: JWK[] } {
    return { keys: [this.settings.key.publicJwk] };
  }

  private configuration(provider: OidcProviderName): Promise<client.Configuration> {
    const p = this.settings.providers[provider];
    if (!p) throw new LoginFlowError('provider', 'provider not configured');
    let found = this.configs.get(provider);
    if (!found) {
      const key = { key: this.settings.key.privateKey, kid: this.settings.key.kid };
      found = client
        .discovery(
          new URL(p.issuer),
          this.settings.clientId,
          {
            redirect_uris: [redirectUri(this.settings.publicUrl, provider)],
            response_types: ['code'],
            token_endpoint_auth_method: 'private_key_jwt',
            id_token_signed_response_alg: 'RS256',
          },
          client.PrivateKeyJwt(key),
          this.settings.allowHttpIssuers && p.issuer.startsWith('http:')
            ? { execute: [client.allowInsecureRequests], timeout: 10 }
            : { timeout: 10 },
        )
        .catch((e: unknown) => {
          // a failed discovery is tried again at the next login
          this.configs.delete(provider);
          throw e;
        });
      this.configs.set(provider, found);
    }
    return found;
  }

  /** Starts a login: the provider's authorization URL and the transaction cookie's value. */
  async start(provider: OidcProviderName, now: Date): Promise<{ url: string; cookie: string }> {
    let config: client.Configuration;
    try {
      config = await this.configuration(provider);
    } catch {
      throw new LoginFlowError('provider', 'discovery failed');
    }
    const p = this.settings.providers[provider]!;
    const codeVerifier = client.randomPKCECodeVerifier();
    const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
    const state = client.randomState();
    const nonce = client.randomNonce();
    const claims = {
      userinfo: {
        given_name: null,
        family_name: null,
        [p.fiscalClaim]: { essential: true },
      },
    };
    const plain = {
      client_id: this.settings.clientId,
      response_type: 'code',
      scope: 'openid profile',
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    };
    const url = await client.buildAuthorizationUrlWithJAR(
      config,
      {
        ...plain,
        redirect_uri: redirectUri(this.settings.publicUrl, provider),
        state,
        nonce,
        prompt: 'consent login',
        ...(p.requireLevel ? { acr_values: this.settings.minAcr } : {}),
        claims: JSON.stringify(claims),
      },
      { key: this.settings.key.privateKey, kid: this.settings.key.kid },
    );
    // SPID/CIE: the request object, and its main parameters in the clear as well
    for (const [k, v] of Object.entries(plain)) url.searchParams.set(k, v);
    const cookie = randomBytes(32).toString('base64url');
    await insertOidcTransaction(
      this.db,
      sha256(cookie),
      { provider, state, nonce, codeVerifier, expiresAt: new Date(now.getTime() + TRANSACTION_TTL_MS) },
      now,
    );
    return { url: url.href, cookie };
  }

  /** The provider came back to `callbackUrl`: checks everything and returns the verified fiscal code. */
  async finish(
    provider: OidcProviderName,
    callbackUrl: URL,
    cookie: string | undefined,
    now: Date,
  ): Promise<VerifiedIdentity> {
    const t = cookie ? await takeOidcTransaction(this.db, sha256(cookie)) : undefined;
    if (!t || t.provider !== provider || t.expiresAt.getTime() <= now.getTime())
      throw new LoginFlowError('stato', 'no live transaction for this callback');
    if (callbackUrl.searchParams.get('state') !== t.state)
      throw new LoginFlowError('stato', 'state mismatch');
    const error = callbackUrl.searchParams.get('error');
    if (error) throw new LoginFlowError(error === 'access_denied' ? 'annullato' : 'provider', error);
    let config: client.Configuration;
    try {
      config = await this.configuration(provider);
    } catch {
      throw new LoginFlowError('provider', 'discovery failed');
    }
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: t.codeVerifier,
        expectedState: t.state,
        expectedNonce: t.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      if (e instanceof client.ResponseBodyError && e.error === 'invalid_grant')
        throw new LoginFlowError('codice', 'code refused by the provider');
      if (e instanceof client.AuthorizationResponseError)
        throw new LoginFlowError(e.error === 'access_denied' ? 'annullato' : 'provider', e.error);
      throw new LoginFlowError('provider', e instanceof Error ? e.message : 'token request failed');
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new LoginFlowError('provider', 'no ID token');
    const p = this.settings.providers[provider]!;
    const acr = typeof idClaims.acr === 'string' ? idClaims.acr : undefined;
    if (p.requireLevel && levelOf(acr) < levelOf(this.settings.minAcr))
      throw new LoginFlowError('livello', 'authentication level too low');
    let fiscal = fiscalCodeOf(idClaims[p.fiscalClaim]);
    if (!fiscal) {
      try {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        fiscal = fiscalCodeOf(info[p.fiscalClaim]);
      } catch {
        throw new LoginFlowError('provider', 'userinfo failed');
      }
    }
    if (!fiscal) throw new LoginFlowError('identita', 'no fiscal number');
    return { provider, fiscalCode: fiscal, acr };
  }
}
