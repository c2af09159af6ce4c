// The portal API: its answers to bad input, commands sent through it, the token; bad PUSH requests.
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createCloud } from '../../src/cloud/index.js';
import { apiCall, startCloud } from './harness.js';

/** Sends raw bytes and returns the raw answer, for requests no well-behaved client would send. */
function raw(url: string, text: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('the portal API', () => {
  it('answers bad JSON, unknown routes, wrong methods and bad fields with a 4xx that says why', async () => {
    const { api } = await startCloud();
    expect(await api('POST', '/api/employees', '{"employeeId":')).toMatchObject({
      status: 400,
      json: { error: expect.stringMatching(/^the body is not JSON/) },
    });
    expect(await api('GET', '/api/nothing')).toEqual({
      status: 404,
      json: { error: 'no API route GET /api/nothing' },
    });
    expect(await api('PATCH', '/api/employees')).toEqual({
      status: 405,
      json: { error: 'PATCH not allowed on /api/employees; use GET, POST' },
    });
    expect(await api('POST', '/api/employees', { employeeId: 'E1', lastName: 'X', badge: '12 34' })).toEqual({
      status: 400,
      json: { error: 'badge must be 1–24 letters or digits', code: 'TC_ERR_CLOUD_BAD_REQUEST' },
    });
    expect((await api('POST', '/api/employees', [1, 2])).status).toBe(400);
    expect((await api('POST', '/api/employees/E1/add-remove', { clocks: 'TC1' })).status).toBe(400);
    expect((await api('GET', '/api/punches?from=yesterday')).json).toEqual({
      error: 'from must be YYYY-MM-DD HH:MM:SS',
      code: 'TC_ERR_CLOUD_BAD_REQUEST',
    });
    expect((await api('GET', '/api/clocks/X/commands?state=lost')).status).toBe(400);
  });

  it('queues a command given as wire text or as a value, and refuses one that is neither', async () => {
    const { api, cloud } = await startCloud();
    cloud.registerClock('TC1A000001');
    const text = await api('POST', '/api/clocks/TC1A000001/commands', { text: 'DATA QUERY USERINFO PIN=1001' });
    expect(text).toMatchObject({ status: 201, json: { kind: 'query-userinfo', state: 'queued' } });
    const dialect = await api('POST', '/api/clocks/TC1A000001/commands', { text: 'USER ADD PIN=1' });
    expect(dialect.json).toMatchObject({ kind: 'raw', text: 'USER ADD PIN=1' });
    const value = await api('POST', '/api/clocks/TC1A000001/commands', { command: { kind: 'reboot' } });
    expect(value.json.text).toBe('REBOOT');
    expect((await api('POST', '/api/clocks/TC1A000001/commands', { command: { kind: 'explode' } })).status).toBe(400);
    expect((await api('POST', '/api/clocks/NOPE/commands', { text: 'CHECK' })).status).toBe(404);
    expect((await api('GET', '/api/clocks/TC1A000001/commands?state=queued')).json).toHaveLength(3);
  });

  it('asks a clock for everything again: stamps of 0 and a CHECK', async () => {
    const { api, cloud } = await startCloud();
    cloud.registerClock('TC1A000001');
    expect((await api('POST', '/api/clocks/TC1A000001/reupload')).json.text).toBe('CHECK');
    expect((await api('GET', '/api/clocks/TC1A000001')).json).toMatchObject({ attlogStamp: '0', operlogStamp: '0' });
  });

  it('registers and renames clocks', async () => {
    const { api } = await startCloud();
    expect((await api('POST', '/api/clocks', { sn: 'TC1A000001', name: 'Lobby' })).status).toBe(201);
    expect((await api('POST', '/api/clocks', { sn: 'TC1A000001', name: 'Dock' })).json.name).toBe('Dock');
    expect((await api('POST', '/api/clocks', { sn: 'bad sn' })).status).toBe(400);
  });
});

describe('bad requests on the PUSH side', () => {
  it('answers them with a 4xx and a message, and goes on serving', async () => {
    const { url, transport, cloud } = await startCloud({ autoRegister: true });
    const get = (path: string) => transport.request({ method: 'GET', path });
    expect(await get('/iclock/cdata')).toMatchObject({ status: 400, body: 'Error: SN is missing from the query' });
    expect(await get('/iclock/cdata?SN=../../etc')).toMatchObject({ status: 400 });
    expect(await get('/iclock/nothing?SN=A')).toMatchObject({
      status: 404,
      body: 'Error: no PUSH endpoint /iclock/nothing',
    });
    expect(await get('/%ZZ?SN=%ZZ')).toMatchObject({ status: 400 });
    const put = await transport.request({ method: 'PUT' as 'POST', path: '/iclock/ping', query: { SN: 'A' } });
    expect(put.status).toBe(405);
    const noTable = await transport.request({ method: 'POST', path: '/iclock/cdata', query: { SN: 'A' }, body: 'x' });
    expect(noTable).toMatchObject({ status: 400, body: 'Error: table is missing from the query' });
    const binary = await transport.request({
      method: 'POST',
      path: '/iclock/cdata',
      query: { SN: 'A', table: 'ATTLOG' },
      body: '\u0000\u0001\uffff\t\t\t\n'.repeat(100),
    });
    // Answered, and none kept: `OK: n` counts the lines kept, and the refused ones are named in a header.
    expect(binary).toMatchObject({ status: 200, body: 'OK: 0' });
    expect(await raw(url, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1.1 400/);
    expect(cloud.store.punches.count()).toBe(0);
    expect((await get('/iclock/ping?SN=A')).body).toBe('OK');
  });

  it('refuses a body over the size limit with 413', async () => {
    const { url } = await startCloud({ autoRegister: true });
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${url}/iclock/cdata?SN=A&table=ATTLOG`, { method: 'POST' }, (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      });
      req.on('error', reject);
      // Lines of 1 KiB: a body of one long line is stopped at its first 64 KiB, before any size limit.
      const chunk = Buffer.from(`${'A'.repeat(1023)}\n`.repeat(1024));
      for (let i = 0; i < 65; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
  });
});

describe('the API token', () => {
  it('is needed on loopback too: without a session or a token the API answers 401', async () => {
    const cloud = createCloud();
    const { url } = await cloud.listen();
    expect((await fetch(`${url}/api/clocks`)).status).toBe(401);
    await cloud.close();
  });

  it('is checked on every API request once set, and never on PUSH requests', async () => {
    const cloud = createCloud({ token: 's3cret', autoRegister: true, plainHttp: true });
    const { port } = await cloud.listen({ host: '0.0.0.0' });
    const url = `http://127.0.0.1:${port}`;
    expect(await apiCall(url, 'GET', '/api/clocks')).toEqual({
      status: 401,
      json: { error: 'sign in to the portal, or send Authorization: Bearer <API token>' },
    });
    expect((await apiCall(url, 'GET', '/api/clocks', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await apiCall(url, 'GET', '/api/clocks', undefined, { authorization: 'Bearer s3cret' })).status).toBe(200);
    expect(await (await fetch(`${url}/iclock/ping?SN=A`)).text()).toBe('OK');
    await cloud.close();
  });
});

describe('paths that look like object keys', () => {
  it('are unknown endpoints, not a crash', async () => {
    const { transport } = await startCloud({ autoRegister: true });
    for (const path of ['/__proto__', '/constructor', '/iclock/__proto__', '/api/__proto__']) {
      const { status } = await transport.request({ method: 'GET', path, query: { SN: 'A' } });
      // The API answers 401 before routing to anyone without a token; the rest are 404.
      expect(path === '/api/__proto__' ? 401 : 404).toBe(status);
    }
  });
});
