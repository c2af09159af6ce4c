// Fingerprint enrollment on the clock: three good scans of the same finger make a template, checked
// against the model's capacity and against fingers already enrolled for someone else.
import type { DeviceModel } from './device.js';
import { fingerKey, simulatedTemplate, type Finger } from './fingers.js';
import type { ClockPorts } from './ports.js';
import type { Template } from './users.js';

export const SCANS_TO_ENROLL = 3;

export interface Enrollment {
  pin: string;
  fid: number;
  /** Good scans so far, all of `finger`. */
  scans: number;
  finger: string | null;
  status: 'scanning' | 'enrolled' | 'refused';
  /** What the last scan showed: guidance, a problem, or the result. */
  message: string;
}

export interface ScanResult {
  enrollment: Enrollment;
  /** The template the scan that completed the enrollment made, for the machine to store. */
  template?: Template;
}

export function startEnrollment(pin: string, fid: number): Enrollment {
  return { pin, fid, scans: 0, finger: null, status: 'scanning', message: 'Place finger' };
}

/** Takes one scan; the third good scan of the same finger makes the template. Only reads the store. */
export function takeScan(
  ports: ClockPorts,
  model: DeviceModel,
  enrollment: Enrollment,
  finger: Finger,
  quality: 'good' | 'poor',
): ScanResult {
  if (quality === 'poor') return scanning({ ...enrollment, message: 'Poor image: place again' });
  const key = fingerKey(finger);
  if (enrollment.finger !== null && enrollment.finger !== key) {
    return scanning({ ...enrollment, scans: 0, finger: null, message: 'Different finger: start again' });
  }
  const scans = enrollment.scans + 1;
  if (scans < SCANS_TO_ENROLL) return scanning({ ...enrollment, scans, finger: key, message: 'Place the same finger' });

  const done = { ...enrollment, scans, finger: key };
  const owner = ports.templates.findByFinger(key);
  if (owner !== undefined && !(owner.pin === enrollment.pin && owner.fid === enrollment.fid)) {
    return { enrollment: { ...done, status: 'refused', message: `Already enrolled: ID ${owner.pin}` } };
  }
  const replacing = ports.templates.find(enrollment.pin, enrollment.fid) !== undefined;
  if (!replacing && ports.templates.count() >= model.capacity.fingerprints) {
    return { enrollment: { ...done, status: 'refused', message: 'Fingerprint storage full' } };
  }
  const template: Template = {
    pin: enrollment.pin,
    fid: enrollment.fid,
    valid: true,
    template: simulatedTemplate(finger),
  };
  return { enrollment: { ...done, status: 'enrolled', message: 'Enrolled' }, template };
}

function scanning(enrollment: Enrollment): ScanResult {
  return { enrollment };
}
