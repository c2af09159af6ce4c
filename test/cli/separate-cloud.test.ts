// A clock and a separately started `timeclock cloud`, paired over HTTPS as the README says, each in its own
// process: `timeclock cloud cert` makes the CA and the server certificate, the cloud serves them, the
// clock (given the CA) is refused with 403 until it is registered, and says so on its output with what to
// do; once registered as it says, the clock comes online.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CloudProcess } from '../../scripts/chaos/cloud-process.js';
import { ClockProcess } from '../fixtures/clock-process.js';
import { makeTempDir } from '../fixtures/temp-dir.js';

const BIN = fileURLToPath(new URL('../../bin/timeclock.js', import.meta.url));
const TOKEN = 'pairing-test-token-0123';
const temp = makeTempDir('timeclock-pairing-');
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  temp.remove();
});

/** A POST to the cloud's API over HTTPS, trusting only the CA `timeclock cloud cert` made. */
function post(url: string, body: object, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, {
      method: 'POST',
      ca,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

describe('a clock paired with a separate cloud over HTTPS', () => {
  it('is told why it is refused and what to do, and comes online once registered so', async () => {
    const certs = temp.file('certs');
    const made = execFileSync(process.execPath, [BIN, 'cloud', 'cert', certs], { encoding: 'utf8' });
    expect(made).toContain('--tls-cert');
    const cloud = await CloudProcess.start([
      '--data',
      temp.file('cloud.db'),
      '--token',
      TOKEN,
      '--tls-cert',
      path.join(certs, 'server.pem'),
      '--tls-key',
      path.join(certs, 'server.key'),
    ]);
    stops.push(() => cloud.kill());
    expect(cloud.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const clock = ClockProcess.start([
      '--memory',
      '--lan',
      'off',
      '--cloud',
      cloud.url,
      '--cloud-ca',
      path.join(certs, 'ca.pem'),
    ]);
    stops.push(() => clock.stop());
    const [advice] = await clock.waitFor(/cloud: refused: .*\n/);
    expect(advice).toContain('does not know this clock (SN TC1A000001)');
    expect(advice).toContain(`${cloud.url}/clocks`);
    expect(advice).toContain(`POST ${cloud.url}/api/clocks {"sn":"TC1A000001"}`);

    const ca = fs.readFileSync(path.join(certs, 'ca.pem'), 'utf8');
    expect(await post(`${cloud.url}/api/clocks`, { sn: 'TC1A000001' }, ca)).toBe(201);
    const from = clock.mark();
    // The simulator's switch retries at once instead of after the handshake's ErrorDelay.
    await clock.send(['cloud up'], /"msg":"cloud online"/);
    expect(clock.text.slice(from)).not.toContain('cloud: refused');
  }, 120_000);

  it('keeps the certificates made: cert never writes over them', () => {
    const certs = temp.file('certs');
    const before = fs.readFileSync(path.join(certs, 'ca.key'), 'utf8');

    const again = spawnSync(process.execPath, [BIN, 'cloud', 'cert', certs], { encoding: 'utf8' });

    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`${path.join(certs, 'ca.pem')}, ${path.join(certs, 'ca.key')}`);
    expect(again.stderr).toContain('already exist');
    expect(fs.readFileSync(path.join(certs, 'ca.key'), 'utf8')).toBe(before);
  }, 60_000);
});
