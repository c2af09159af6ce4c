// Who can be simulated at the readers, read from the clock's own tables: the enrolled fingers (name,
// badge, which finger), any finger of any person, and the known cards, for the panel's pickers; and the
// last punches for its list.
import {
  FINGER_NAMES,
  PUNCH_STATE_LABELS,
  fingerKey,
  fingerKeyOfTemplate,
  formatTimestamp,
  type ClockRecords,
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

/** Someone the clock does not know: a person of their own, so that their fingers match nobody until enrolled. */
export interface PersonChoice {
  label: string;
  person: string;
}

/** Newcomers are people with no badge: `new1`, `new2`… can be no badge number, which is digits. */
const NEWCOMER = /^new([0-9]+)$/;

/** Pickers are for people to scroll; a clock with thousands of users is scripted, not clicked. */
const MAX_USERS = 500;

interface Enrolled {
  finger: Finger;
  owner: { pin: string; name: string };
}

/** Valid templates that name a physical finger (simulator format); foreign templates cannot be placed. */
function enrolled(ports: ClockRecords): Enrolled[] {
  return ports.users.search('', 0, MAX_USERS).flatMap((user) =>
    ports.templates.listFor(user.pin).flatMap((template) => {
      const key = fingerKeyOfTemplate(template.template);
      const [person, fid] = key?.split('/') ?? [];
      if (person === undefined || fid === undefined || !template.valid) return [];
      return [{ finger: { person, fid: Number(fid) }, owner: { pin: user.pin, name: user.name } }];
    }),
  );
}

/** `Ana Lopez  1001` for a user of the clock, `Newcomer 1` for someone with no badge. */
export function personLabel(ports: ClockRecords, person: string): string {
  const newcomer = NEWCOMER.exec(person);
  if (newcomer) return `Newcomer ${newcomer[1]}`;
  const user = ports.users.findByPin(person);
  return user ? `${user.name}  ${user.pin}` : `Person ${person}`;
}

/**
 * Every enrolled finger, under the user it identifies; a finger enrolled for someone other than its owner
 * (a newcomer's finger given to an employee) says whose hand it is.
 */
export function enrolledFingers(ports: ClockRecords): FingerChoice[] {
  return enrolled(ports).map(({ finger, owner }) => {
    const hand = finger.person === owner.pin ? '' : `  (${personLabel(ports, finger.person)}'s hand)`;
    return { label: `${owner.name}  ${owner.pin}  ${FINGER_NAMES[finger.fid] ?? finger.fid}${hand}`, finger };
  });
}

/** Fingers placed this session that no template names yet: enrollment takes three scans of one finger. */
export function unenrolledFingers(ports: ClockRecords, placed: readonly Finger[]): FingerChoice[] {
  const known = new Set(enrolled(ports).map((e) => fingerKey(e.finger)));
  return placed
    .filter((finger) => !known.has(fingerKey(finger)))
    .map((finger) => ({
      label: `${personLabel(ports, finger.person)}  ${FINGER_NAMES[finger.fid] ?? finger.fid}  (not enrolled)`,
      finger,
    }));
}

/** Whose finger to place: every user of the clock, the newcomers seen so far, and a new newcomer last. */
export function people(ports: ClockRecords, placed: readonly Finger[]): PersonChoice[] {
  const users = ports.users
    .search('', 0, MAX_USERS)
    .map((user) => ({ label: `${user.name}  ${user.pin}`, person: user.pin }));
  const newcomers = [...new Set([...enrolled(ports).map((e) => e.finger), ...placed].map((f) => f.person))]
    .filter((person) => NEWCOMER.test(person))
    .sort((a, b) => newcomerNumber(a) - newcomerNumber(b))
    .map((person) => ({ label: personLabel(ports, person), person }));
  return [
    ...users,
    ...newcomers,
    { label: 'Someone new (no finger of theirs is enrolled)', person: nextNewcomer(ports, placed) },
  ];
}

/** The ten fingers of a person, each saying whom it identifies on this clock, if anyone. */
export function fingersOf(ports: ClockRecords, person: string): FingerChoice[] {
  const owners = new Map(enrolled(ports).map((e) => [fingerKey(e.finger), e.owner]));
  return FINGER_NAMES.map((name, fid) => {
    const finger = { person, fid };
    const owner = owners.get(fingerKey(finger));
    const status = !owner
      ? 'not enrolled'
      : owner.pin === person
        ? 'enrolled'
        : `enrolled for ${owner.name}  ${owner.pin}`;
    return { label: `${name.padEnd(13)}${status}`, finger };
  });
}

function newcomerNumber(person: string): number {
  return Number(NEWCOMER.exec(person)?.[1] ?? 0);
}

/** A newcomer no template and no placed finger names, also across restarts of a clock with a file store. */
function nextNewcomer(ports: ClockRecords, placed: readonly Finger[]): string {
  const seen = [...enrolled(ports).map((e) => e.finger), ...placed].map((f) => newcomerNumber(f.person));
  return `new${Math.max(0, ...seen) + 1}`;
}

export function knownCards(ports: ClockRecords): CardChoice[] {
  return ports.users
    .search('', 0, MAX_USERS)
    .filter((user) => user.card !== '' && user.card !== '0')
    .map((user) => ({ label: `${user.name}  ${user.pin}  card ${user.card}`, card: user.card }));
}

/** The last `n` punches, oldest first. Seqs are never reused and the log has no gaps after its first entry. */
export function recentPunches(ports: ClockRecords, n: number): Punch[] {
  const first = ports.punches.after(0, 1)[0];
  if (first === undefined) return [];
  const skip = Math.max(0, ports.punches.count() - n);
  return ports.punches.after(first.seq - 1 + skip, n);
}

const VERIFY_WORDS: Record<number, string> = { 0: 'ID', 1: 'finger', 4: 'card', 15: 'face' };

/** `07:58 1002 Bruno Silva  Check In  ID`: time of day, badge, name, state and how they verified. */
export function punchLine(punch: Punch, ports: ClockRecords): string {
  const name = ports.users.findByPin(punch.pin)?.name ?? '?';
  const time = formatTimestamp(punch.time).slice(11, 16);
  return `${time} ${punch.pin} ${name}  ${PUNCH_STATE_LABELS[punch.state]}  ${VERIFY_WORDS[punch.verify] ?? punch.verify}`;
}
