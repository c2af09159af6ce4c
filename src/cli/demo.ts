// The demo company seeded into an empty clock on first start, so that `npm start` has people to punch:
// non-secure and secure employees, a Manager, an Administrator, cards and enrolled fingers. Only what
// the portal can say (non-secure on = Verify 0, off = Verify 6), since the embedded cloud sends its copy.
import { newUser, simulatedTemplate, type ClockPorts, type DeviceModel, type User } from '../../firmware/index.js';

export interface DemoEmployee {
  user: User;
  /** Fingers enrolled (finger index 0–9), when the model has a reader. */
  fingers: number[];
}

export const DEMO_EMPLOYEES: readonly DemoEmployee[] = [
  { user: newUser('1001', { name: 'Ana Lopez', verifyMode: 6, card: '3809012973' }), fingers: [6] },
  { user: newUser('1002', { name: 'Bruno Silva', verifyMode: 0, card: '3809012974' }), fingers: [6, 5] },
  { user: newUser('1003', { name: 'Chen Wei', verifyMode: 0 }), fingers: [] },
  { user: newUser('1004', { name: 'Dana Smith', verifyMode: 6, card: '3809012975' }), fingers: [] },
  { user: newUser('2001', { name: 'Maria Garcia', verifyMode: 6, privilege: 2, card: '3809012980' }), fingers: [6] },
  { user: newUser('9001', { name: 'Admin Park', verifyMode: 0, privilege: 14, password: '9999' }), fingers: [1] },
];

/** Seeds the demo company when the clock has no users; returns how many users it added. */
export function seedDemoCompany(ports: ClockPorts, model: DeviceModel): number {
  if (ports.users.count() > 0) return 0;
  ports.transaction(() => {
    for (const { user, fingers } of DEMO_EMPLOYEES) {
      ports.users.put(user);
      if (!model.readers.fingerprint) continue;
      for (const fid of fingers) {
        ports.templates.put({
          pin: user.pin,
          fid,
          valid: true,
          template: simulatedTemplate({ person: user.pin, fid }),
        });
      }
    }
  });
  return DEMO_EMPLOYEES.length;
}
