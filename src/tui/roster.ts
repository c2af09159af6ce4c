// Who can be simulated at the readers, read from the clock's own tables: the enrolled fingers (name,
// badge, which finger) and the known cards, for the panel's pickers; and the last punches for its list.
import {
  FINGER_NAMES,
  PUNCH_STATE_LABELS,
  fingerKeyOfTemplate,
  formatTimestamp,
  type ClockPorts,
  type Finger,
  type Punch,
} from '../../firmware/index.js';

export interface FingerChoice {
  label: string;
  finger: Finger;
}

export interface CardChoice {
  label: string;
  card: string;
}

/** A finger nobody enrolled: person names are badge-like, and no badge is spelled like this. */
export const UNKNOWN_FINGER: Finger = { person: 'stranger', fid: 6 };

/** Pickers are for people to scroll; a clock with thousands of users is scripted, not clicked. */
const MAX_USERS = 500;

/** Fingers whose templates name a physical finger (simulator format); foreign templates cannot be placed. */
export function enrolledFingers(ports: ClockPorts): FingerChoice[] {
  return ports.users.search('', 0, MAX_USERS).flatMap((user) =>
    ports.templates.listFor(user.pin).flatMap((template) => {
      const key = fingerKeyOfTemplate(template.template);
      const [person, fid] = key?.split('/') ?? [];
      if (person === undefined || fid === undefined || !template.valid) return [];
      const finger = { person, fid: Number(fid) };
      return [{ label: `${user.name}  ${user.pin}  ${FINGER_NAMES[finger.fid] ?? finger.fid}`, finger }];
    }),
  );
}

export function knownCards(ports: ClockPorts): CardChoice[] {
  return ports.users
    .search('', 0, MAX_USERS)
    .filter((user) => user.card !== '' && user.card !== '0')
    .map((user) => ({ label: `${user.name}  ${user.pin}  card ${user.card}`, card: user.card }));
}

/** The last `n` punches, oldest first. Seqs are never reused and the log has no gaps after its first entry. */
export function recentPunches(ports: ClockPorts, n: number): Punch[] {
  const first = ports.punches.after(0, 1)[0];
  if (first === undefined) return [];
  const skip = Math.max(0, ports.punches.count() - n);
  return ports.punches.after(first.seq - 1 + skip, n);
}

const VERIFY_WORDS: Record<number, string> = { 0: 'ID', 1: 'finger', 4: 'card', 15: 'face' };

/** `07:58 1002 Bruno Silva  Check In  ID`: time of day, badge, name, state and how they verified. */
export function punchLine(punch: Punch, ports: ClockPorts): string {
  const name = ports.users.findByPin(punch.pin)?.name ?? '?';
  const time = formatTimestamp(punch.time).slice(11, 16);
  return `${time} ${punch.pin} ${name}  ${PUNCH_STATE_LABELS[punch.state]}  ${VERIFY_WORDS[punch.verify] ?? punch.verify}`;
}
