// What a profile puts on a clock: the Verify mode of each setting of Non-secure, for the credentials the
// employee has.
import { describe, expect, it } from 'vitest';
import { seedDemoEmployees, DEMO_EMPLOYEES } from '../../src/cli/demo.js';
import { createCloud } from '../../src/cloud/index.js';
import { userOf } from '../../src/cloud/domain/profile.js';
import type { Employee } from '../../src/cloud/types.js';
import { loadDeviceModel } from '../../src/devices/index.js';

const base: Employee = {
  employeeId: 'E1',
  firstName: 'Ana',
  lastName: 'Lopez',
  badge: '1001',
  nonSecure: false,
  role: 'user',
  clocks: [],
  card: '',
  password: '',
  templates: [],
};

describe('the Verify mode a profile sends', () => {
  it('is 0 (any method, the badge typed included) when Non-secure is on', () => {
    expect(userOf({ ...base, nonSecure: true, password: '1234' }).verifyMode).toBe(0);
  });

  it('is 6 (finger or card) when Non-secure is off', () => {
    expect(userOf(base).verifyMode).toBe(6);
    expect(userOf({ ...base, card: '3809012973', password: '1234' }).verifyMode).toBe(6);
  });

  it('is 5 (finger or password) when Non-secure is off for someone with a password and no card', () => {
    expect(userOf({ ...base, role: 'administrator', password: '9999' }).verifyMode).toBe(5);
  });

  it('keeps every demo employee’s Verify mode through the portal’s copy', () => {
    const cloud = createCloud();
    cloud.registerClock('TC1A000001');
    seedDemoEmployees(cloud.portal, 'TC1A000001', loadDeviceModel('biometric'));
    for (const { user } of DEMO_EMPLOYEES) {
      const employee = cloud.portal.getEmployee(`E${user.pin}`);
      if (!employee.ok) throw new Error(employee.problem.message);
      expect([user.pin, userOf(employee.value).verifyMode]).toEqual([user.pin, user.verifyMode]);
    }
    void cloud.close();
  });
});
