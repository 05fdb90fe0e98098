/**
 * The digital-certificate login of operators (manual §3.2, issue 13): the browser presents a TLS client
 * certificate whose subject's serialNumber is `TINIT-<fiscal code>` (as on the Italian signature and
 * identity certificates). The certificate is read
 *
 * - from the TLS connection, when this server runs HTTPS with TLS_CLIENT_CA_FILE: Node verified the chain
 *   against that CA during the handshake (`socket.authorized`); or
 * - from a header (CLIENT_CERT_HEADER, URL-encoded PEM as nginx's $ssl_client_escaped_cert) set by the
 *   TLS proxy, only when the connection comes from one of the TRUST_PROXY addresses; the chain is then
 *   verified here against TLS_CLIENT_CA_FILE when it is set.
 *
 * Either way the certificate must be valid at `now` and name a valid fiscal code.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import { clientCertificateInvalid } from '@esenzioni/domain';
import type { TrustProxy } from '../config.js';
import { fiscalCodeOf } from './oidc-client.js';

export interface CertificateLoginSettings {
  /** PEM of the CA(s) operators' certificates are issued by */
  caPem: string | undefined;
  /** the header a trusted TLS proxy puts the client certificate in (lower case) */
  header: string | undefined;
  trustProxy: TrustProxy;
}

const NAMED: Record<string, Array<[string, number, 'ipv4' | 'ipv6']>> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  linklocal: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
  uniquelocal: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
};

/** The TRUST_PROXY list as a BlockList (addresses, CIDRs, and proxy-addr's names). */
export function trustedProxies(trust: TrustProxy): BlockList | null {
  if (!trust) return null;
  const list = new BlockList();
  for (const entry of trust) {
    const named = NAMED[entry];
    if (named) {
      for (const [net, prefix, type] of named) list.addSubnet(net, prefix, type);
      continue;
    }
    const [address, bits] = entry.split('/');
    const type = isIPv4(address!) ? 'ipv4' : isIPv6(address!) ? 'ipv6' : null;
    if (!type) continue;
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(bits), type);
  }
  return list;
}

/** Is this socket address one of the trusted proxies? (IPv4-mapped IPv6 addresses count as IPv4) */
export function fromTrustedProxy(list: BlockList | null, remote: string | undefined): boolean {
  if (!list || !remote) return false;
  const mapped = remote.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1];
  if (mapped) return list.check(mapped, 'ipv4');
  return isIPv4(remote) ? list.check(remote, 'ipv4') : isIPv6(remote) ? list.check(remote, 'ipv6') : false;
}

export const readCaPem = (file: string | undefined): string | undefined =>
  file ? readFileSync(file, 'utf8') : undefined;

/** Every certificate of a PEM bundle. */
function caCertificates(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

const NO_CERTIFICATE =
  'Nessun certificato digitale presentato. Inserire la smart card o scegliere il certificato quando il browser lo chiede, poi riprovare.';
const NOT_TRUSTED =
  "Il certificato digitale non è rilasciato da un'autorità riconosciuta da questo servizio.";

/** The fiscal code of the client certificate of this request, or a CLIENT_CERTIFICATE_INVALID error. */
export function certificateFiscalCode(
  req: FastifyRequest,
  settings: CertificateLoginSettings,
  proxies: BlockList | null,
  now: Date,
): string {
  const cert = presentedCertificate(req, settings, proxies);
  const from = new Date(cert.validFrom).getTime();
  const to = new Date(cert.validTo).getTime();
  if (!(from <= now.getTime() && now.getTime() <= to))
    throw clientCertificateInvalid('Il certificato digitale è scaduto o non ancora valido.');
  const serial = cert.subject
    .split('\n')
    .map((line) => line.match(/^serialNumber=(.*)$/i)?.[1])
    .find((v) => v !== undefined);
  const fiscalCode = serial?.toUpperCase().startsWith('TINIT-') ? fiscalCodeOf(serial) : null;
  if (!fiscalCode)
    throw clientCertificateInvalid(
      'Il certificato digitale non riporta un codice fiscale (numero di serie del soggetto TINIT-…).',
    );
  return fiscalCode;
}

function presentedCertificate(
  req: FastifyRequest,
  settings: CertificateLoginSettings,
  proxies: BlockList | null,
): X509Certificate {
  const socket = req.raw.socket as Partial<TLSSocket>;
  // HTTPS on this server: the certificate of the handshake (a proxy in front may still send the header)
  if (typeof socket.getPeerCertificate === 'function') {
    const peer = socket.getPeerCertificate();
    if (peer?.raw) {
      if (!socket.authorized) throw clientCertificateInvalid(NOT_TRUSTED);
      return new X509Certificate(peer.raw);
    }
  }
  const header = settings.header;
  const sent = header ? req.headers[header] : undefined;
  if (typeof sent !== 'string' || !fromTrustedProxy(proxies, req.raw.socket.remoteAddress))
    throw clientCertificateInvalid(NO_CERTIFICATE);
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(decodeURIComponent(sent));
  } catch {
    throw clientCertificateInvalid('Il certificato digitale ricevuto non è leggibile.');
  }
  if (settings.caPem) {
    const issued = caCertificates(settings.caPem).some(
      (ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey),
    );
    if (!issued) throw clientCertificateInvalid(NOT_TRUSTED);
  }
  return cert;
}
