// The Account page: who is signed in, and API tokens issued (shown once), used against /api and revoked.
import { describe, expect, it } from 'vitest';
import { READER, startPortal } from './portal-harness.js';

function issuedToken(html: string): string {
  const token = /id="issued-token"[^>]*value="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error('no token shown on the page');
  return token;
}

describe('the account page', () => {
  it('says who is signed in and with which role', async () => {
    const portal = await startPortal();
    const browser = portal.client();
    await browser.signIn(READER);

    const page = await browser.get('/account');

    expect(page.html).toContain('<dt>Signed in as</dt><dd>reader</dd>');
    expect(page.html).toContain('Read-only: may look, not change');
  });

  it('issues a token that opens the API, shown once with a note to copy it, then lists it', async () => {
    const portal = await startPortal();
    const browser = portal.client();
    await browser.signIn();

    const issued = await browser.post('/account/tokens', { name: 'payroll export' }, '/account');
    const token = issuedToken(issued.html);
    const api = await fetch(`${portal.url}/api/clocks`, { headers: { authorization: `Bearer ${token}` } });
    const later = await browser.get('/account');

    expect(issued.html).toContain('Copy it now: it is shown only this once.');
    expect(api.status).toBe(200);
    expect(later.html).not.toContain(token);
    expect(later.html).toMatch(
      /<td>payroll export<\/td><td>2026-11-25 08:00:00 UTC<\/td><td>2026-11-25 08:00:00 UTC<\/td>/,
    );
  });

  it('stops a revoked token from opening the API', async () => {
    const portal = await startPortal();
    const browser = portal.client();
    await browser.signIn();
    const token = issuedToken((await browser.post('/account/tokens', { name: 'script' }, '/account')).html);
    const id = portal.cloud.accounts.tokens('sysadmin')[0]!.id;

    const revoked = await browser.post(`/account/tokens/${id}/revoke`, {}, '/account');
    const api = await fetch(`${portal.url}/api/clocks`, { headers: { authorization: `Bearer ${token}` } });

    expect(revoked).toMatchObject({ status: 303, location: '/account?revoked=1' });
    expect(api.status).toBe(401);
    expect((await browser.get('/account')).html).toContain('This account has no API tokens.');
  });

  it('lets a read-only account issue a token that is read-only in the API', async () => {
    const portal = await startPortal();
    const browser = portal.client();
    await browser.signIn(READER);

    const token = issuedToken((await browser.post('/account/tokens', { name: 'reports' }, '/account')).html);
    const read = await fetch(`${portal.url}/api/clocks`, { headers: { authorization: `Bearer ${token}` } });
    const write = await fetch(`${portal.url}/api/clocks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sn: 'TC1A000009' }),
    });

    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
  });

  it('refuses a token without a name, saying what it needs', async () => {
    const portal = await startPortal();
    const browser = portal.client();
    await browser.signIn();

    const reply = await browser.post('/account/tokens', { name: '  ' }, '/account');

    expect(reply.status).toBe(400);
    expect(reply.html).toContain('The token name must be 1–64 characters.');
    expect(portal.cloud.accounts.tokens('sysadmin')).toEqual([]);
  });

  it('does not let one account revoke another’s token', async () => {
    const portal = await startPortal();
    const owner = portal.client();
    await owner.signIn();
    await owner.post('/account/tokens', { name: 'mine' }, '/account');
    const id = portal.cloud.accounts.tokens('sysadmin')[0]!.id;
    const other = portal.client();
    await other.signIn(READER);

    const reply = await other.post(`/account/tokens/${id}/revoke`, {}, '/account');

    expect(reply.status).toBe(404);
    expect(portal.cloud.accounts.tokens('sysadmin')).toHaveLength(1);
  });
});
