// The panel's finger reader: an enrolled finger in one choice, or any finger of anyone — an employee's
// finger not enrolled yet, a newcomer's that matches nobody — in three; the fingers placed this session
// and not enrolled yet are offered again, since enrollment takes three scans of the same finger.
import { fingerKey, type ClockRecords, type Finger } from '../../firmware/index.js';
import { enrolledFingers, fingersOf, people, personLabel, unenrolledFingers } from '../face/index.js';

export type Quality = 'good' | 'poor';

export interface FingerPickerOptions {
  ports: ClockRecords;
  /** Opens a pop-up list; `onPick` is called with the index chosen, not at all when it is cancelled. */
  pick: (title: string, items: string[], onPick: (index: number) => void) => void;
  place: (finger: Finger, quality: Quality) => void;
}

const PLACED_KEPT = 6;
const ANOTHER_FINGER = "Another finger... (anyone's, or someone new)";

/** Returns what the Finger and Poor read buttons call. */
export function createFingerPicker({ ports, pick, place }: FingerPickerOptions): (quality: Quality) => void {
  /** Newest first. */
  const placed: Finger[] = [];
  const placeFinger = (finger: Finger, quality: Quality) => {
    const key = fingerKey(finger);
    placed.splice(0, placed.length, finger, ...placed.filter((f) => fingerKey(f) !== key).slice(0, PLACED_KEPT - 1));
    place(finger, quality);
  };
  const pickAnyFinger = (title: string, quality: Quality) => {
    const persons = people(ports, placed);
    pick(
      `${title}: whose?`,
      persons.map((p) => p.label),
      (who) => {
        const person = persons[who];
        if (!person) return;
        const choices = fingersOf(ports, person.person);
        pick(
          `${personLabel(ports, person.person)}: which finger?`,
          choices.map((c) => c.label),
          (fid) => {
            const chosen = choices[fid];
            if (chosen) placeFinger(chosen.finger, quality);
          },
        );
      },
    );
  };
  return (quality) => {
    const fingers = [...enrolledFingers(ports), ...unenrolledFingers(ports, placed)];
    const title = quality === 'poor' ? 'Poor read of' : 'Place a finger';
    pick(title, [...fingers.map((f) => f.label), ANOTHER_FINGER], (index) => {
      const finger = fingers[index];
      if (finger) placeFinger(finger.finger, quality);
      else pickAnyFinger(title, quality);
    });
  };
}
