// A set-up load: users, fingers and punches put on the clock before it is used (the demo company, a
// scenario's staff, a test's backlog), as a factory image is. It enters as the `records.load` event and
// its effect writes it in one transaction; nothing happened on the clock, so no OPLOG record is written.
import type { ClockPorts } from './ports.js';
import type { NewPunch } from './punches.js';
import type { Template, User } from './users.js';

export interface RecordsLoad {
  users?: readonly User[];
  /** Each finger's user is in the load or already on the clock. */
  templates?: readonly Template[];
  /** Numbered by the log, oldest first. */
  punches?: readonly NewPunch[];
}

export interface LoadedCounts {
  users: number;
  templates: number;
  punches: number;
}

/**
 * Writes a load, users first. A finger of a model without a fingerprint reader is left out, as the reader
 * could never match it; no capacity is checked, so that a test may load a clock beyond it on purpose.
 */
export function writeLoad(load: RecordsLoad, ports: ClockPorts, fingerprints: boolean): LoadedCounts {
  const users = load.users ?? [];
  const templates = fingerprints ? (load.templates ?? []) : [];
  const punches = load.punches ?? [];
  return ports.transaction(() => {
    for (const user of users) ports.users.put(user);
    for (const template of templates) ports.templates.put(template);
    for (const punch of punches) ports.punches.append(punch);
    return { users: users.length, templates: templates.length, punches: punches.length };
  });
}
