// Who is who in a fleet, by global clock index alone: serial numbers from a pattern and the employees the
// cloud is given for each clock. Nothing depends on the shard, so shard k of N names a clock and its
// roster exactly as one process running all N would.
import { simulatedTemplate, type DeviceModel } from '../../firmware/index.js';

/**
 * The default pattern: the model's format with its first `#` fixed to 9, so that fleet clocks (TC1A9#####)
 * never take the serial numbers single clocks start from (TC1A000001).
 */
export function defaultSerialPattern(model: DeviceModel): string {
  return model.serialNumberFormat.replace('#', '9');
}

/** Checks the pattern against the model and the fleet's size; the message names what is wrong. */
export function checkSerialPattern(model: DeviceModel, pattern: string, clocks: number): string | undefined {
  const format = model.serialNumberFormat;
  const fits =
    pattern.length === format.length &&
    [...format].every((ch, i) => (ch === '#' ? /[#0-9]/.test(pattern[i]!) : pattern[i] === ch));
  if (!fits) return `"${pattern}" does not fit the ${model.model} model's serial numbers ${format} (# for the index)`;
  const width = [...pattern].filter((ch) => ch === '#').length;
  if (width === 0) return `"${pattern}" has no # for the clock's index`;
  if (String(clocks).length > width) return `"${pattern}" has ${width} # for the index: too few for ${clocks} clocks`;
  return undefined;
}

/** Clock `index` (0-based) gets the number index + 1 in the pattern's `#` digits. */
export function serialOf(pattern: string, index: number): string {
  const width = [...pattern].filter((ch) => ch === '#').length;
  const digits = String(index + 1).padStart(width, '0');
  let next = 0;
  return pattern.replace(/#/g, () => digits[next++]!);
}

/** Badges (PINs) of fleet employees start here: nine digits, clear of the demo company's and of people's own. */
const BADGE_BASE = 700_000_000;
/** Card numbers likewise; unknown cards are drawn above UNKNOWN_CARD_BASE, where nobody's card is. */
const CARD_BASE = 3_000_000_000;
export const UNKNOWN_CARD_BASE = 4_000_000_000;
/** The finger every fleet employee enrolled: the right index, as on most clocks. */
export const FLEET_FINGER = 6;

export interface FleetEmployee {
  employeeId: string;
  badge: string;
  card: string;
  firstName: string;
  lastName: string;
  template: string;
}

/** Employee `slot` of clock `index`: the same person for every shard and every run of the same size. */
export function employeeOf(index: number, slot: number, perClock: number): FleetEmployee {
  const number = index * perClock + slot;
  const badge = badgeOf(index, slot, perClock);
  return {
    employeeId: `F${badge}`,
    badge,
    card: String(CARD_BASE + number),
    firstName: 'Fleet',
    lastName: `Employee ${number + 1}`,
    template: simulatedTemplate({ person: badge, fid: FLEET_FINGER }),
  };
}

/** Only the badge of employeeOf(): what a clock's driver asks at each punch, without making a template. */
export function badgeOf(index: number, slot: number, perClock: number): string {
  return String(BADGE_BASE + index * perClock + slot);
}

/** The clock index and slot of the n-th employee of the whole fleet (for portal changes). */
export function employeeAt(n: number, perClock: number): { index: number; slot: number } {
  return { index: Math.floor(n / perClock), slot: n % perClock };
}
