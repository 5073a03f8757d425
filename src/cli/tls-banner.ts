import type { TlsSetup } from '../tls/setup.js';

/** Start-up lines about HTTPS on the API port: the https URL and how to trust the certificate. */
export function tlsBanner(url: string, tls: TlsSetup | undefined): string[] {
  if (!tls) return ['HTTPS off (RESDIR_TLS=off): plain HTTP only'];
  const httpsUrl = url.replace(/^http:/, 'https:');
  const until = new Date(tls.notAfter).toISOString().slice(0, 10);
  if (!tls.ca) return [`HTTPS on the same port: ${httpsUrl} (certificate RESDIR_TLS_CERT, valid until ${until})`];
  const made =
    tls.ca.state === 'created' ? 'created' : tls.ca.state === 'renewed' ? 'renewed (trust it again)' : 'kept';
  return [
    `HTTPS on the same port: ${httpsUrl} (certificate from the local CA, valid until ${until})`,
    `  local CA ${made}: ${tls.ca.certPath}`,
    `  trust it: NODE_EXTRA_CA_CERTS=${tls.ca.certPath} for Node.js, or add it to the system trust store (README, ` +
      `HTTPS)`,
  ];
}
