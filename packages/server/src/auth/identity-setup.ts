/**
 * From the identity configuration (config.identity) to what the routes use (issue 13): the OpenID relying
 * party with its providers, the digital-certificate settings, and the demo providers' options.
 */
import type { IdentitySettings, TrustProxy } from '../config.js';
import type { Db } from '../db/client.js';
import { demoIdentities } from '../seed/demo-identities.js';
import type { IdentityRuntime } from '../routes/identity.js';
import { readCaPem } from './client-certificate.js';
import { DEMO_PROVIDER_PATHS, type DemoProviderOptions } from './demo-idp.js';
import {
  FISCAL_NUMBER_CLAIM,
  loadClientKey,
  redirectUri,
  RelyingParty,
  type ProviderSettings,
  type OidcProviderName,
} from './oidc-client.js';

export interface PreparedIdentity {
  runtime: IdentityRuntime;
  /** the demo providers to mount on this server, or null */
  demo: DemoProviderOptions | null;
}

export const PASSWORD_ONLY: PreparedIdentity = {
  runtime: { rp: null, certificate: null, passwordLogin: true, demo: false, publicUrl: 'http://localhost' },
  demo: null,
};

export async function prepareIdentity(
  db: Db,
  settings: IdentitySettings,
  trustProxy: TrustProxy,
  production: boolean,
): Promise<PreparedIdentity> {
  const { publicUrl } = settings;
  const issuers: Partial<Record<OidcProviderName, string>> = {};
  for (const p of ['spid', 'cie', 'operatore'] as const) {
    const issuer =
      settings.issuers[p] ?? (settings.demoProvider ? `${publicUrl}${DEMO_PROVIDER_PATHS[p]}` : undefined);
    if (issuer) issuers[p] = issuer;
  }
  const anyProvider = Object.keys(issuers).length > 0;
  if (anyProvider && production && !settings.clientKeyFile)
    throw new Error(
      'OIDC_CLIENT_KEY_FILE: in produzione la chiave privata del servizio (JWK) è obbligatoria',
    );
  const key = anyProvider ? await loadClientKey(settings.clientKeyFile) : null;
  const providers: Partial<Record<OidcProviderName, ProviderSettings>> = {};
  for (const [p, issuer] of Object.entries(issuers) as Array<[OidcProviderName, string]>) {
    const citizen = p !== 'operatore';
    providers[p] = {
      issuer,
      requireLevel: citizen,
      fiscalClaim: citizen ? FISCAL_NUMBER_CLAIM : settings.operatorFiscalClaim,
    };
  }
  const rp = key
    ? new RelyingParty(db, {
        clientId: settings.clientId,
        publicUrl,
        providers,
        minAcr: settings.minAcr,
        allowHttpIssuers: settings.allowHttpIssuers,
        key,
      })
    : null;

  const { caFile, header } = settings.certificate;
  if (header && !trustProxy)
    throw new Error(
      'CLIENT_CERT_HEADER: il certificato in un header è accettato solo da un proxy fidato (impostare TRUST_PROXY)',
    );
  const certificate = caFile || header ? { caPem: readCaPem(caFile), header, trustProxy } : null;

  const demo: DemoProviderOptions | null =
    settings.demoProvider && key
      ? {
          baseUrl: () => publicUrl,
          client: {
            clientId: settings.clientId,
            publicJwk: key.publicJwk,
            redirectUri: (p) => redirectUri(publicUrl, p),
          },
          identities: demoIdentities(),
        }
      : null;
  return {
    runtime: { rp, certificate, passwordLogin: settings.passwordLogin, demo: demo !== null, publicUrl },
    demo,
  };
}
