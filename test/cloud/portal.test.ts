// The portal operations of the support article, and enrollments coming back from clocks.
import { describe, expect, it } from 'vitest';
import { simulatedTemplate } from '../../firmware/fingers.js';
import { formatOperlog } from '../../src/protocol/index.js';
import { newUser } from '../../firmware/users.js';
import { WireClock, startCloud } from './harness.js';

const TMP = simulatedTemplate({ person: '1001', fid: 6 });

async function portalWithClocks() {
  const harness = await startCloud();
  for (const sn of ['TC1A000001', 'TC1A000002', 'TC1A000003']) harness.cloud.registerClock(sn);
  return harness;
}

const ana = {
  employeeId: 'E100',
  firstName: 'Ana',
  lastName: 'Lopez',
  badge: '1001',
  clocks: ['TC1A000001', 'TC1A000002'],
  templates: [{ fid: 6, template: TMP }],
};

/** The wire text of each queued command, per clock, as the API shows it. */
function texts(queued: { sn: string; text: string }[]): string[] {
  return queued.map((c) => `${c.sn} ${c.text.split('\t')[0]}`);
}

describe('the portal', () => {
  it('creates an employee and sends the profile to the assigned clocks', async () => {
    const { api } = await portalWithClocks();
    const { status, json } = await api('POST', '/api/employees', ana);
    expect(status).toBe(201);
    expect(json.employee).toMatchObject({
      employeeId: 'E100',
      nonSecure: false,
      role: 'user',
      templates: [{ fid: 6 }],
    });
    expect(texts(json.queued)).toEqual([
      'TC1A000001 DATA UPDATE USERINFO PIN=1001',
      'TC1A000001 DATA UPDATE FINGERTMP PIN=1001',
      'TC1A000002 DATA UPDATE USERINFO PIN=1001',
      'TC1A000002 DATA UPDATE FINGERTMP PIN=1001',
    ]);
  });

  it('finds employees by last name or by employee ID', async () => {
    const { api } = await portalWithClocks();
    await api('POST', '/api/employees', ana);
    await api('POST', '/api/employees', { employeeId: 'E200', firstName: 'Bo', lastName: 'Lee', badge: '1002' });
    expect((await api('GET', '/api/employees?q=lop')).json.map((e: { employeeId: string }) => e.employeeId)).toEqual([
      'E100',
    ]);
    expect((await api('GET', '/api/employees?q=E2')).json.map((e: { lastName: string }) => e.lastName)).toEqual([
      'Lee',
    ]);
    expect((await api('GET', '/api/employees')).json).toHaveLength(2);
  });

  it('saves the Clocks section: the update to the assigned clocks, a delete to the one no longer assigned', async () => {
    const { api } = await portalWithClocks();
    await api('POST', '/api/employees', ana);
    const { status, json } = await api('PUT', '/api/employees/E100/clocks', {
      nonSecure: true,
      role: 'manager',
      clocks: ['TC1A000002', 'TC1A000003'],
    });
    expect(status).toBe(200);
    expect(texts(json.queued)).toEqual([
      'TC1A000001 DATA DELETE USERINFO PIN=1001',
      'TC1A000002 DATA UPDATE USERINFO PIN=1001',
      'TC1A000002 DATA UPDATE FINGERTMP PIN=1001',
      'TC1A000003 DATA UPDATE USERINFO PIN=1001',
      'TC1A000003 DATA UPDATE FINGERTMP PIN=1001',
    ]);
    expect(json.queued[1].text).toContain('\tPri=2\t');
    expect(json.queued[1].text).toContain('\tVerify=0\t');
  });

  it('sends Verify=6 for a secure employee and Pri=14 for an administrator', async () => {
    const { api } = await portalWithClocks();
    await api('POST', '/api/employees', ana);
    const { json } = await api('PUT', '/api/employees/E100/clocks', { nonSecure: false, role: 'administrator' });
    expect(json.queued[0].text).toMatch(/\tPri=14\t.*\tVerify=6\t/);
  });

  it('moves a changed badge: the old PIN deleted, the new one sent', async () => {
    const { api } = await portalWithClocks();
    await api('POST', '/api/employees', { ...ana, clocks: ['TC1A000001'] });
    const { json } = await api('PUT', '/api/employees/E100/clocks', { badge: '2001' });
    expect(texts(json.queued)).toEqual([
      'TC1A000001 DATA DELETE USERINFO PIN=1001',
      'TC1A000001 DATA UPDATE USERINFO PIN=2001',
      'TC1A000001 DATA UPDATE FINGERTMP PIN=2001',
    ]);
  });

  it('Add/Remove: deselected clocks get a delete, selected again a fresh copy', async () => {
    const { api } = await portalWithClocks();
    await api('POST', '/api/employees', ana);
    const removed = await api('POST', '/api/employees/E100/add-remove', { clocks: [] });
    expect(texts(removed.json.queued)).toEqual([
      'TC1A000001 DATA DELETE USERINFO PIN=1001',
      'TC1A000002 DATA DELETE USERINFO PIN=1001',
    ]);
    const added = await api('POST', '/api/employees/E100/add-remove', { clocks: ['TC1A000001'] });
    expect(texts(added.json.queued)).toEqual([
      'TC1A000001 DATA DELETE USERINFO PIN=1001',
      'TC1A000001 DATA UPDATE USERINFO PIN=1001',
      'TC1A000001 DATA UPDATE FINGERTMP PIN=1001',
    ]);
    expect(added.json.employee.clocks).toEqual(['TC1A000001']);
  });

  it('refuses a badge another employee has, and clocks it does not know', async () => {
    const { api } = await portalWithClocks();
    await api('POST', '/api/employees', ana);
    await api('POST', '/api/employees', { employeeId: 'E200', lastName: 'Lee', badge: '1002' });
    expect(await api('PUT', '/api/employees/E200/clocks', { badge: '1001' })).toEqual({
      status: 409,
      json: { error: 'badge 1001 belongs to employee E100' },
    });
    expect(await api('POST', '/api/employees/E200/add-remove', { clocks: ['NOPE1'] })).toEqual({
      status: 400,
      json: { error: 'clocks not registered: NOPE1' },
    });
    expect((await api('PUT', '/api/employees/E999/clocks', {})).status).toBe(404);
  });

  it('never shows a password or a template through the API', async () => {
    const { api } = await portalWithClocks();
    const { json } = await api('POST', '/api/employees', { ...ana, password: '4321' });
    const text = JSON.stringify(json);
    expect(text).not.toContain('4321');
    expect(text).not.toContain(TMP);
    expect(json.employee.hasPassword).toBe(true);
    expect(json.queued[0].text).toContain('Passwd=***');
  });

  it('deleting an employee removes them from every clock', async () => {
    const { api } = await portalWithClocks();
    await api('POST', '/api/employees', ana);
    const { json } = await api('DELETE', '/api/employees/E100');
    expect(texts(json.queued)).toEqual([
      'TC1A000001 DATA DELETE USERINFO PIN=1001',
      'TC1A000002 DATA DELETE USERINFO PIN=1001',
    ]);
    expect((await api('GET', '/api/employees/E100')).status).toBe(404);
  });
});

describe('enrollments made on a clock', () => {
  it('reach the cloud and, from there, the employee’s other clocks', async () => {
    const { api, cloud, transport } = await portalWithClocks();
    await api('POST', '/api/employees', { ...ana, templates: [] });
    const one = new WireClock('TC1A000001', transport);
    const two = new WireClock('TC1A000002', transport);
    await one.drain();
    await two.drain();
    const enrolled = formatOperlog([
      { op: 6, admin: '0', time: 0, values: ['1001', 6, 0] },
      { template: { pin: '1001', fid: 6, valid: true, template: TMP } },
    ]);
    await one.post('/iclock/cdata', enrolled, { table: 'OPERLOG', Stamp: '1' });
    expect(cloud.store.employees.get('E100')?.templates).toEqual([{ pin: '1001', fid: 6, valid: true, template: TMP }]);
    expect(cloud.store.commands.countPending('TC1A000001')).toBe(0);
    await two.drain();
    expect(two.ports.templates.find('1001', 6)?.template).toBe(TMP);
  });

  it('take no card from a clock, send it to no other clock, and send nothing for a user unchanged', async () => {
    const { api, cloud, transport } = await portalWithClocks();
    await api('POST', '/api/employees', { ...ana, templates: [] });
    const one = new WireClock('TC1A000001', transport);
    await one.drain();
    const same = one.ports.users.findByPin('1001')!;
    const queuedBefore = cloud.store.commands.countPending('TC1A000002');
    await one.post('/iclock/cdata', formatOperlog([{ user: same }]), { table: 'OPERLOG' });
    await one.post('/iclock/cdata', formatOperlog([{ user: { ...same, card: '3809012973' } }]), { table: 'OPERLOG' });
    expect(cloud.store.employees.get('E100')?.card).toBe('');
    expect(cloud.store.commands.countPending('TC1A000002')).toBe(queuedBefore);
    const changes = cloud.portal.clockChanges('TC1A000001');
    expect(changes.ok && changes.value.map((c) => [c.field, c.clockValue])).toContainEqual(['card', '3809012973']);
  });

  it('make an employee of a user the portal does not know, assigned to that clock, with no rights the portal did not give', async () => {
    const { cloud, transport } = await portalWithClocks();
    const user = newUser('3003', { name: 'Cy Twombly', verifyMode: 0, privilege: 14 });
    await new WireClock('TC1A000003', transport).post('/iclock/cdata', formatOperlog([{ user }]), { table: 'OPERLOG' });
    expect(cloud.store.employees.get('3003')).toMatchObject({
      firstName: 'Cy',
      lastName: 'Twombly',
      badge: '3003',
      nonSecure: false,
      role: 'user',
      clocks: ['TC1A000003'],
    });
  });
});
