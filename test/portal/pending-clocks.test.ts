// The Clocks page's pending list: an unknown serial number that asked is listed; a SysAdmin accepts it
// (registered, its next handshake takes its device key) or forgets it; a reader sees no buttons.
import { describe, expect, it } from 'vitest';
import { READER, startPortal, type Portal } from './portal-harness.js';

const SN = 'TC7Q000001';

function handshake(portal: Portal) {
  return portal.cloud.handle({ method: 'GET', path: '/iclock/cdata', query: { SN, options: 'all' } });
}

describe('pending clocks in the portal', () => {
  it('lists an unknown clock, and Accept registers it: its next handshake takes its key', async () => {
    const portal = await startPortal({ autoRegister: false });
    const refused = await handshake(portal);
    const browser = portal.client();
    await browser.signIn();

    const page = await browser.get('/clocks');
    const reply = await browser.post(`/clocks/pending/${SN}/accept`, {}, '/clocks');
    const after = await browser.get(reply.location!);
    const answer = await handshake(portal);

    expect(refused.status).toBe(403);
    expect(page.html).toContain('Waiting to be accepted (1)');
    expect(page.html).toContain(`<button type="submit">Accept ${SN}</button>`);
    expect(reply).toMatchObject({ status: 303, location: `/clocks?accepted=${SN}` });
    expect(after.html).toContain(`${SN} accepted: its next handshake takes its device key.`);
    expect(after.html).toContain(`<tr data-sn="${SN}">`);
    expect(after.html).not.toContain('Waiting to be accepted');
    expect(answer.body).toMatch(/^RegistryCode=dk_/m);
  });

  it('forgets a pending clock on Forget, and shows a reader no buttons and refuses its posts', async () => {
    const portal = await startPortal({ autoRegister: false });
    await handshake(portal);
    const reader = portal.client();
    await reader.signIn(READER);
    const admin = portal.client();
    await admin.signIn();

    const seen = await reader.get('/clocks');
    const refused = await reader.post(`/clocks/pending/${SN}/accept`, {}, '/clocks');
    const forgotten = await admin.post(`/clocks/pending/${SN}/reject`, {}, '/clocks');

    expect(seen.html).toContain('Waiting to be accepted (1)');
    expect(seen.html).not.toContain(`Accept ${SN}`);
    expect(refused.status).toBe(403);
    expect(forgotten).toMatchObject({ status: 303, location: `/clocks?forgotten=${SN}` });
    expect(portal.cloud.store.clocks.exists(SN)).toBe(false);
    expect(portal.cloud.registry.pending(10).total).toBe(0);
  });
});
