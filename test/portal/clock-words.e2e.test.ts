// The clock page in words, against a real `timeclock run --headless` (its embedded cloud, the demo
// company): the commands a SysAdmin's buttons queue read "sent Ana Lopez to the clock", "told the clock
// to restart", each with its protocol line one click away in a <details>, and the clock's answers after.
import { describe, expect, it } from 'vitest';
import { demoRunForFile } from '../fixtures/demo-run.js';
import { PortalClient } from './portal-harness.js';

const SN = 'TC1A000001';
const demo = demoRunForFile('timeclock-clock-words-');

/** The rows of the clock page's command table, each as its HTML. */
function commandRows(html: string): string[] {
  const table = /<table class="commands">(.*?)<\/table>/s.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr data-command="[^"]+".*?<\/tr>/gs)].map((m) => m[0]);
}

describe('the clock page says its commands in words', () => {
  it('shows what the buttons queued in words, the protocol line one click away', async () => {
    const browser = new PortalClient(demo.portal);
    await browser.signIn({ username: 'admin', password: demo.password });

    expect((await browser.post(`/clocks/${SN}/resend`, {}, `/clocks/${SN}`)).status).toBe(303);
    expect((await browser.post(`/clocks/${SN}/reboot`, {}, `/clocks/${SN}`)).status).toBe(303);
    const page = await browser.get(`/clocks/${SN}`);

    expect(page.status).toBe(200);
    const rows = commandRows(page.html);
    const ana = rows.find((row) => row.includes('sent Ana Lopez to the clock'));
    expect(ana, rows.join('\n')).toBeDefined();
    expect(ana).toMatch(
      /<span class="command-words">sent Ana Lopez to the clock<\/span><details class="command-line"><summary>protocol line<\/summary><code>DATA UPDATE USERINFO PIN=1001\t/,
    );
    const reboot = rows.find((row) => row.includes('told the clock to restart'));
    expect(reboot).toContain('<code>REBOOT</code>');
    // No row shows its bare protocol line in place of words.
    for (const row of rows) expect(row).toMatch(/<td><span class="command-words">[^<]+<\/span><details/);
  });
});

describe('the clock page’s model', () => {
  it('is the one the clock told the cloud after its handshake (table=options ~DeviceName): TC-Bio 700', async () => {
    const browser = new PortalClient(demo.portal);
    await browser.signIn({ username: 'admin', password: demo.password });

    // The clock posts its options right after its first handshake: a few page loads at most.
    let page = await browser.get(`/clocks/${SN}`);
    for (let loads = 0; loads < 500 && !page.html.includes('<dd>TC-Bio 700</dd>'); loads++) {
      page = await browser.get(`/clocks/${SN}`);
    }

    expect(page.html).toContain('<dt>Model</dt><dd>TC-Bio 700</dd>');
  });
});
