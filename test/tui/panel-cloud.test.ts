// The panel's cloud line: where the clock's cloud is and whether it answers, and, when the server's
// TransFlag leaves out AttLog, that punches do not upload — "online, but no attendance arrives". The
// server is a scripted PUSH server on loopback, reached by the link `timeclock run --cloud URL` makes.
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedServer, type ScriptedServer } from '../sync/scripted-server.js';
import { START, openHarness, type Harness } from './harness.js';

/** A PUSH server whose handshake sends `transFlag`, and whose Date is the harness clock's start. */
async function serverWith(transFlag: string): Promise<ScriptedServer> {
  const server = await startScriptedServer();
  server.handshakeBody = `Delay=10\nTransFlag=${transFlag}\n`;
  server.date = () => Date.parse(`${START}Z`);
  return server;
}

describe('the panel cloud line', () => {
  let h: Harness;
  let server: ScriptedServer;
  afterEach(async () => {
    await h.close();
    await server.stop();
  });

  it("says attendance upload is off (server's TransFlag) under the cloud line, on two lines when narrow", async () => {
    server = await serverWith('0111000000');
    h = await openHarness({ cloud: server.url });

    const text = h.tui.text();

    expect(text).toMatch(/Cloud {4}http:.*: answering/);
    expect(text).toContain('         attendance upload: off ');
    expect(text).toContain("         (server's TransFlag)");
    expect(text).toContain('Data     in memory');
  });

  it('says it on one line where the panel is wide enough', async () => {
    server = await serverWith('0111000000');
    h = await openHarness({ columns: 140, rows: 30, cloud: server.url });

    expect(h.tui.text()).toContain("attendance upload: off (server's TransFlag)");
  });

  it('says nothing of attendance upload before the first handshake, nor once the server says it is on', async () => {
    server = await serverWith('1111000000');
    h = await openHarness({ cloud: server.url, atPowerOn: true });
    const unknown = h.tui.text();

    await h.cloud.whenIdle();

    expect(h.cloud.control.status().attendanceUpload).toBe(true);
    expect(unknown).not.toContain('attendance upload');
    expect(h.tui.text()).not.toContain('attendance upload');
  });
});
