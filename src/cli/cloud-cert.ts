// `timeclock cloud cert [DIR]`: a CA of one's own and a server certificate it signed, for the HTTPS pairing
// of a clock and a separate cloud. The keys come from node's crypto; node-forge writes the X.509
// certificates (node can read certificates but not make them). The same files can be made with openssl:
// the README has the one-liners.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import type { Command } from 'commander';
import type forge from 'node-forge';
import { UsageError, onAction, optionsOf, timeclockCommand, type OutputIo } from './program.js';

export const CERT_FILES = { caCert: 'ca.pem', caKey: 'ca.key', cert: 'server.pem', key: 'server.key' } as const;

const DEFAULT_NAMES = ['localhost', '127.0.0.1'];

/**
 * node-forge, loaded when a certificate is made: its 42 modules cost every other command (a clock's
 * start, `cloud accounts`) some 60 ms of CPU for nothing.
 */
const forgeLib = (): typeof forge => createRequire(import.meta.url)('node-forge') as typeof forge;

export function createCertCommand(io: OutputIo): Command {
  const command = timeclockCommand('cert', io)
    .summary('make a CA and a server certificate for HTTPS (ca.pem, server.pem, server.key)')
    .description(
      'Writes a CA (ca.pem, ca.key) and a server certificate it signed (server.pem, server.key) into DIR\n' +
        '(default: the current folder), and prints the commands that serve the cloud with them and point a\n' +
        'clock at it trusting the CA. It never overwrites a file.',
    )
    .argument('[dir]', 'the folder to write into', '.')
    .option(
      '--name <host>',
      `a host name or IP address clocks reach the cloud by (repeatable; default ${DEFAULT_NAMES.join(' and ')})`,
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--days <n>', 'how long the certificates are valid (default 825)');
  return onAction(command, ([dir]) => {
    const { name, days } = optionsOf<{ name?: string[]; days?: string }>(command);
    const valid = days === undefined ? 825 : Number(days);
    if (!/^\d{1,5}$/.test(days ?? '825') || valid < 1) throw new UsageError('--days must be a whole number from 1');
    const written = writeCertificates(path.resolve(dir ?? '.'), name ?? DEFAULT_NAMES, valid);
    io.stdout.write(
      `wrote ${written.caCert} and ${written.caKey} (the CA: keep ca.key private)\n` +
        `wrote ${written.cert} and ${written.key} for ${(name ?? DEFAULT_NAMES).join(', ')}\n` +
        `serve:  npx timeclock cloud --host 0.0.0.0 --tls-cert ${written.cert} --tls-key ${written.key}\n` +
        `clocks: npx timeclock run --cloud https://${(name ?? DEFAULT_NAMES)[0]}:8081 --cloud-ca ${written.caCert}\n`,
    );
    return 0;
  });
}

/** Writes the four files into `dir` (made if missing); refuses, naming them, when any is already there. */
export function writeCertificates(dir: string, names: string[], days: number): Record<keyof typeof CERT_FILES, string> {
  const files = Object.fromEntries(Object.entries(CERT_FILES).map(([k, f]) => [k, path.join(dir, f)])) as Record<
    keyof typeof CERT_FILES,
    string
  >;
  const there = Object.values(files).filter((file) => fs.existsSync(file));
  if (there.length > 0) throw new UsageError(`${there.join(', ')} already exist: remove them or choose another folder`);
  const ca = keyPair();
  const server = keyPair();
  const caCert = certificate({
    subject: 'timeclock-sim CA',
    publicKey: ca.publicKey,
    signer: ca.privateKey,
    days,
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const serverCert = certificate({
    subject: names[0] ?? 'localhost',
    issuer: caCert,
    publicKey: server.publicKey,
    signer: ca.privateKey,
    days,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: names.map((n) => (net.isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })),
      },
    ],
  });
  fs.mkdirSync(dir, { recursive: true });
  const { pki } = forgeLib();
  fs.writeFileSync(files.caCert, pki.certificateToPem(caCert));
  fs.writeFileSync(files.caKey, ca.pem, { mode: 0o600 });
  fs.writeFileSync(files.cert, pki.certificateToPem(serverCert));
  fs.writeFileSync(files.key, server.pem, { mode: 0o600 });
  return files;
}

function keyPair() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const { pki } = forgeLib();
  const forgeKey = pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { pem, privateKey: forgeKey, publicKey: pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

interface CertificateSpec {
  subject: string;
  issuer?: forge.pki.Certificate;
  publicKey: forge.pki.PublicKey;
  signer: forge.pki.rsa.PrivateKey;
  days: number;
  extensions: object[];
}

function certificate(spec: CertificateSpec): forge.pki.Certificate {
  const { pki, md } = forgeLib();
  const cert = pki.createCertificate();
  // A positive serial number: the top bit clear, as RFC 5280 wants.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.publicKey = spec.publicKey;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + spec.days * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: spec.subject }]);
  cert.setIssuer(spec.issuer ? spec.issuer.subject.attributes : [{ name: 'commonName', value: spec.subject }]);
  cert.setExtensions(spec.extensions);
  cert.sign(spec.signer, md.sha256.create());
  return cert;
}
