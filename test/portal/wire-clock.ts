// A clock on the wire for the portal's page tests: the cloud harness's WireClock over loopback HTTP,
// handshaken so that the portal sees it online, with helpers to report INFO counts and upload punches.
import { httpTransport } from '../../src/protocol/index.js';
import { WireClock } from '../cloud/harness.js';
import type { Portal } from './portal-harness.js';
import { closeAfterEach } from '../fixtures/after-each.js';

export class PortalClock extends WireClock {
  /** getrequest with INFO=<firmware>,<users>,<fingerprints>,<punches>,<ip>,<algorithm>: the counts the pages show. */
  async reportInfo(info: string): Promise<void> {
    await this.get('/iclock/getrequest', { INFO: info });
  }

  /** ATTLOG lines `PIN⇥time⇥status⇥verify⇥0⇥0⇥0`; the answer is `OK: <n>`. */
  async uploadPunches(lines: string[], stamp = '1'): Promise<string> {
    const res = await this.post('/iclock/cdata', `${lines.join('\n')}\n`, { table: 'ATTLOG', Stamp: stamp });
    return res.body;
  }

  async uploadOperlog(lines: string[], stamp = '1'): Promise<string> {
    const res = await this.post('/iclock/cdata', `${lines.join('\n')}\n`, { table: 'OPERLOG', Stamp: stamp });
    return res.body;
  }
}

/** A clock that has made its handshake (registered, seen now), so the portal lists it online. */
export async function onlineClock(portal: Portal, sn: string): Promise<PortalClock> {
  const transport = httpTransport(portal.url, { timeoutMs: 5_000, keepAlive: false });
  closeAfterEach(() => transport.close());
  const clock = new PortalClock(sn, transport);
  await clock.handshake();
  return clock;
}
