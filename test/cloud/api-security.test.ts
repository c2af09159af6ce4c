// The API as an attacker meets it: no sign-in, a cross-site form or text/plain post, a foreign Host (DNS
// rebinding), a read-only account writing, a revoked token. None of them reaches the clocks.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { TEST_TOKEN, startCloud } from './harness.js';

const NEW_ADMIN = {
  employeeId: 'X1',
  lastName: 'Mallory',
  badge: '666',
  role: 'administrator',
  clocks: ['TC1A000001'],
};

/** A GET with a Host header of our choice: fetch() always sends the URL's own. */
function getWithHost(url: string, path: string, host: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}${path}`, { headers: { host, authorization: `Bearer ${TEST_TOKEN}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown }));
    });
    request.on('error', reject);
  });
}

describe('the API against cross-site and rebinding attacks', () => {
  it('refuses a text/plain POST — the simple request any web page can send — and queues nothing', async () => {
    const { url, cloud } = await startCloud();
    cloud.registerClock('TC1A000001');
    const res = await fetch(`${url}/api/employees`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${TEST_TOKEN}` },
      body: JSON.stringify(NEW_ADMIN),
    });
    expect(res.status).toBe(415);
    expect(cloud.store.commands.list({ limit: 10 })).toEqual([]);
  });

  it('refuses a form post from another site even with a token', async () => {
    const { api, cloud } = await startCloud();
    cloud.registerClock('TC1A000001');
    const reply = await api('POST', '/api/employees', NEW_ADMIN, {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(reply).toMatchObject({ status: 403, json: { error: expect.stringMatching(/cross-site/) } });
    const originOnly = await api('POST', '/api/employees', NEW_ADMIN, { origin: 'https://evil.example' });
    expect(originOnly.status).toBe(403);
    expect(cloud.portal.getEmployee('X1').ok).toBe(false);
  });

  it('does not answer for a host name it was not told it has (DNS rebinding)', async () => {
    const { url } = await startCloud();
    const rebound = await getWithHost(url, '/api/clocks', 'evil.example');
    expect(rebound).toMatchObject({ status: 421, json: { error: expect.stringMatching(/evil\.example/) } });
    expect((await getWithHost(url, '/api/clocks', 'localhost:8081')).status).toBe(200);
    expect((await getWithHost(url, '/api/clocks', '[::1]:8081')).status).toBe(200);
  });

  it('answers for the host names it was given', async () => {
    const { url } = await startCloud({ allowedHosts: ['Portal.Example'] });
    expect((await getWithHost(url, '/api/clocks', 'portal.example:8081')).status).toBe(200);
    expect((await getWithHost(url, '/api/clocks', 'other.example')).status).toBe(421);
  });

  it('needs a sign-in also on loopback, and the configured token works only exactly', async () => {
    const { url, api } = await startCloud();
    expect((await fetch(`${url}/api/employees`)).status).toBe(401);
    expect((await api('GET', '/api/employees', undefined, { authorization: `Bearer ${TEST_TOKEN}x` })).status).toBe(
      401,
    );
    expect((await api('GET', '/api/employees', undefined, { authorization: 'Basic abc' })).status).toBe(401);
  });
});

describe('API tokens the portal issues', () => {
  it('let a read-only account read but not write, and stop working once revoked', async () => {
    const { api, cloud } = await startCloud();
    cloud.accounts.add('viewer', 'readonly', 'viewer-password-1');
    const issued = cloud.accounts.issueToken('viewer', 'report script');
    if (!issued.ok) throw new Error(issued.problem.message);
    const auth = { authorization: `Bearer ${issued.value.token}` };
    expect((await api('GET', '/api/me', undefined, auth)).json).toEqual({ username: 'viewer', role: 'readonly' });
    expect((await api('GET', '/api/clocks', undefined, auth)).status).toBe(200);
    expect(await api('POST', '/api/clocks', { sn: 'TC9' }, auth)).toMatchObject({
      status: 403,
      json: { error: expect.stringMatching(/read-only/) },
    });
    cloud.accounts.revokeToken('viewer', issued.value.info.id);
    expect((await api('GET', '/api/clocks', undefined, auth)).status).toBe(401);
  });

  it('are stored only as hashes', async () => {
    const { cloud } = await startCloud();
    cloud.accounts.add('ops', 'sysadmin', 'ops-password-12');
    const issued = cloud.accounts.issueToken('ops', 'ci');
    if (!issued.ok) throw new Error(issued.problem.message);
    expect(JSON.stringify(cloud.accounts.tokens('ops'))).not.toContain(issued.value.token);
    expect(cloud.accounts.byToken(issued.value.token)).toEqual({ username: 'ops', role: 'sysadmin', token: 'ci' });
  });
});

describe('the OpenAPI document', () => {
  it('is served without sign-in and describes every API route', async () => {
    const { url } = await startCloud();
    const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/employees',
      '/api/employees/{employeeId}/clocks',
      '/api/employees/{employeeId}/add-remove',
      '/api/clocks/{sn}/commands',
      '/api/punches',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
