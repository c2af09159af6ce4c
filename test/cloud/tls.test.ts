// PUSH over HTTPS, as the PUSH spec lets a clock use by its server address: the cloud serves a given
// certificate, the clock trusts a given CA, and off loopback the cloud refuses plain HTTP unless told.
import type { IncomingHttpHeaders } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cloudCommand } from '../../src/cli/cloud.js';
import { createCloud, type Cloud } from '../../src/cloud/index.js';
import { httpTransport, TransportError } from '../../src/protocol/index.js';
import { createClock } from '../../src/runtime/index.js';
import { startSync } from '../../src/sync/index.js';
import { makeCertificates, type TestCertificates } from '../fixtures/certificates.js';
import { ClockProcess } from '../fixtures/clock-process.js';
import { requireTool } from '../fixtures/tools.js';

const openssl = requireTool('openssl');
const noOpenssl = openssl.missing !== undefined;
let certs: TestCertificates;
beforeAll(() => {
  if (!noOpenssl) certs = makeCertificates();
});
const clouds: Cloud[] = [];
afterEach(async () => {
  for (const cloud of clouds.splice(0)) await cloud.close();
});
afterAll(() => certs?.remove());

function tlsCloud(): Cloud {
  const cloud = createCloud({ autoRegister: true, tls: { cert: certs.cert, key: certs.key } });
  clouds.push(cloud);
  return cloud;
}

describe.skipIf(noOpenssl)(`the cloud over HTTPS${openssl.title}`, () => {
  it('serves PUSH at https:// to a clock that trusts its CA', async () => {
    const { url } = await tlsCloud().listen();
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const transport = httpTransport(url, { ca: certs.ca, keepAlive: false });
    expect((await transport.request({ method: 'GET', path: '/iclock/ping', query: { SN: 'TC1A000001' } })).body).toBe(
      'OK',
    );
    transport.close();
  });

  it('is refused by a clock that does not trust the certificate', async () => {
    const { url } = await tlsCloud().listen();
    const transport = httpTransport(url, { keepAlive: false });
    const error = await transport
      .request({ method: 'GET', path: '/iclock/ping', query: { SN: 'A' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    transport.close();
  });

  it('carries a real clock’s handshake and punch, and marks the portal’s cookie Secure', async () => {
    const cloud = tlsCloud();
    const { url } = await cloud.listen();
    const clock = createClock({ store: 'memory', time: { virtual: '2026-11-25T07:58:00' } });
    clock.ports.users.put({
      pin: '1002',
      name: 'Bruno Silva',
      privilege: 0,
      password: '',
      card: '',
      group: 1,
      timeZones: '0000000000000000',
      verifyMode: 0,
    });
    const link = startSync(clock, { url, ca: certs.ca });
    await link.whenIdle();
    clock.type('1002');
    clock.press('OK');
    await link.whenIdle();
    expect(cloud.store.punches.query({ limit: 10 }).map((p) => p.pin)).toEqual(['1002']);
    await link.stop();
    clock.close();
    const signin = ((await headersWithCa(`${url}/signin`))['set-cookie'] ?? []).join('\n');
    expect(signin).toMatch(/timeclock\.sid=[^;]+;.*Secure/i);
  });
});

describe.skipIf(noOpenssl)(`HSTS${openssl.title}`, () => {
  it('tells browsers to come back over HTTPS only, on pages and API alike, when the cloud serves TLS', async () => {
    const { url } = await tlsCloud().listen();
    for (const path of ['/signin', '/api/health', '/iclock/ping?SN=TC1A000001']) {
      expect((await headersWithCa(`${url}${path}`))['strict-transport-security']).toBe('max-age=31536000');
    }
  });

  it('is not sent over plain HTTP, where it would mean nothing', async () => {
    const cloud = createCloud();
    clouds.push(cloud);
    const { url } = await cloud.listen();
    expect((await fetch(`${url}/signin`)).headers.get('strict-transport-security')).toBeNull();
  });
});

describe.skipIf(noOpenssl)(`timeclock run against an https:// cloud${openssl.title}`, () => {
  it('trusts the CA of --cloud-ca and uploads a punch', async () => {
    const cloud = tlsCloud();
    const { url } = await cloud.listen();
    const clock = ClockProcess.start(['--memory', '--cloud', url, '--cloud-ca', certs.files.ca]);
    try {
      await clock.waitFor(/Enter ID, finger or card/);
      await clock.send(['1002', 'ok'], /Thank you, Bruno Silva/);
      await expect.poll(() => cloud.store.punches.count(), { timeout: 15_000 }).toBe(1);
    } finally {
      await clock.stop();
    }
  });
});

describe.skipIf(noOpenssl)(`plain HTTP off loopback${openssl.title}`, () => {
  it('is refused unless asked for, saying how to give a certificate', async () => {
    const cloud = createCloud();
    clouds.push(cloud);
    await expect(cloud.listen({ host: '0.0.0.0' })).rejects.toThrow(
      /refusing plain HTTP on 0\.0\.0\.0: .*--tls-cert, --tls-key.*--plain-http/,
    );
    const plain = createCloud({ plainHttp: true });
    clouds.push(plain);
    expect((await plain.listen({ host: '0.0.0.0' })).url).toMatch(/^http:\/\/0\.0\.0\.0:/);
  });

  it('is refused by timeclock cloud too, which serves HTTPS off loopback with --tls-cert and --tls-key', async () => {
    const stderr = new PassThrough();
    let said = '';
    stderr.on('data', (c: Buffer) => (said += c.toString()));
    const io = { stdout: new PassThrough(), stderr };
    expect(await cloudCommand(['--memory', '--host', '0.0.0.0', '--port', '0', '--log-level', 'silent'], io)).toBe(2);
    expect(said).toMatch(/refusing plain HTTP on 0\.0\.0\.0/);
    const stop = new AbortController();
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    const args = [
      '--memory',
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--log-level',
      'silent',
      '--tls-cert',
      certs.files.cert,
      '--tls-key',
      certs.files.key,
    ];
    const running = cloudCommand(args, { stdout, stderr, signal: stop.signal });
    for (let i = 0; i < 200 && !/timeclock cloud at/.test(out); i++)
      await new Promise((resolve) => setImmediate(resolve));
    await expect.poll(() => out, { timeout: 5_000 }).toMatch(/timeclock cloud at https:\/\/0\.0\.0\.0:\d+/);
    stop.abort();
    expect(await running).toBe(0);
  });
});

/** The headers of a GET over HTTPS with our CA (fetch() cannot be given a CA). */
async function headersWithCa(url: string): Promise<IncomingHttpHeaders> {
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca: certs.ca }, (res) => {
        res.resume();
        resolve(res.headers);
      })
      .on('error', reject);
  });
}
