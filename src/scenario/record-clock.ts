// Recording a clock driven by hand (`timeclock run --record`, the terminal UI): every input that
// reaches the firmware, with its time since the recording began, and the screen after it. Whatever
// drives the recording clock is journaled — keys and readers, and the cloud link that `timeclock run`
// starts on it (cloud up and down, the time the server sets) — so that a replay needs no cloud.
import type { ClockInput } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import { JOURNAL_VERSION, JournalWriter } from './journal.js';

export interface ClockRecording {
  /** Drive this one: it is the clock, with every input written to the journal. */
  clock: Clock;
  close(): void;
}

export function recordClock(clock: Clock, file: string): ClockRecording {
  const startUtc = clock.source.now();
  const users = clock.records.users.search('', 0, Number.MAX_SAFE_INTEGER);
  const journal = new JournalWriter(file, {
    journal: 'timeclock-sim',
    version: JOURNAL_VERSION,
    seed: 0,
    kind: 'clock',
    startUtc,
    clock: {
      device: clock.model.model,
      serial: clock.serialNumber,
      settings: clock.settings(),
      users,
      templates: users.flatMap((u) => clock.records.templates.listFor(u.pin)),
      punches: clock.punches(),
      link: clock.linkUp() ? 'up' : 'down',
      cloud: clock.cloudUp() ? 'up' : 'down',
    },
  });
  let open = true;
  const send = (input: ClockInput): void => {
    const at = clock.source.now() - startUtc;
    clock.send(input);
    // A cloud link stopping after the recording (it tells the clock the cloud is gone) is not journaled.
    if (!open) return;
    journal.write({ at, on: clock.serialNumber, act: { input }, frames: { [clock.serialNumber]: clock.screenText() } });
  };
  // press(), type(), placeFinger()… call this.send: through the proxy, that is the recording send.
  const recording = new Proxy(clock, {
    get: (target, property, receiver) => (property === 'send' ? send : Reflect.get(target, property, receiver)),
  });
  return {
    clock: recording,
    close: () => {
      if (!open) return;
      open = false;
      journal.close();
    },
  };
}
