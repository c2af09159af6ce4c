// Friendly forms of reader inputs for people who script the clock: a finger by badge and name.
import { FINGER_NAMES, fingerIndex, type Finger } from '../../firmware/index.js';
import { codedError } from '../errors.js';

/** `{ person: '1001', fid: 6 }`, `{ badge: 1001, finger: 'right-index' }`, or `'1001/right-index'`. */
export type FingerSpec = Finger | { badge: string | number; finger: string | number } | string;

export function fingerFrom(spec: FingerSpec): Finger {
  if (typeof spec === 'string') {
    const [person, finger] = spec.split('/');
    if (!person || finger === undefined)
      throw codedError('TC_ERR_CLOCK_INPUT', `finger "${spec}" must look like 1001/right-index`);
    return fingerFrom({ badge: person, finger: /^\d$/.test(finger) ? Number(finger) : finger });
  }
  if ('person' in spec) return checked(spec.person, spec.fid);
  const fid = typeof spec.finger === 'number' ? spec.finger : fingerIndex(spec.finger);
  if (fid === undefined)
    throw codedError('TC_ERR_CLOCK_INPUT', `finger "${String(spec.finger)}" is not one of ${FINGER_NAMES.join(', ')}`);
  return checked(String(spec.badge), fid);
}

function checked(person: string, fid: number): Finger {
  if (!/^[0-9A-Za-z]{1,24}$/.test(person))
    throw codedError('TC_ERR_CLOCK_INPUT', `finger: person "${person}" must be 1-24 letters or digits`);
  if (!Number.isInteger(fid) || fid < 0 || fid > 9)
    throw codedError('TC_ERR_CLOCK_INPUT', `finger: fid ${fid} must be 0-9`);
  return { person, fid };
}
