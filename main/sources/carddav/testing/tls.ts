// A throwaway self-signed certificate for 127.0.0.1/localhost, made with openssl in a temp folder. The client trusts
// it only when given it through the `ca` option.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCerts {
  /** PEM the client is given for the trusted case (the certificate is its own authority). */
  ca: string;
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

export function makeCerts(dir: string): TestCerts {
  const certFile = join(dir, 'server.pem');
  const keyFile = join(dir, 'server.key');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost'].concat([
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]),
    { stdio: 'pipe' },
  );
  const cert = readFileSync(certFile, 'utf8');
  return { ca: cert, certFile, keyFile, cert, key: readFileSync(keyFile, 'utf8') };
}
