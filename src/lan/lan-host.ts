// What every LAN session shares with the listener: the clock, session ids, the one way a change reaches
// the firmware (an event, answered by a `lan.answered` fact), the power actions after a reply, and the
// sets a TCP connection or a UDP peer joins while it lasts.
import type { LanRequest } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import type { Logger } from '../log.js';
import type { LanGuard } from './guard.js';
import type { PreparedTables } from './prepared.js';
import type { LanHost, LanSession } from './session.js';

/** What the TCP and UDP sides of the listener use together. */
export interface ListenerShared {
  guard: LanGuard;
  host: LanHost;
  log: Logger;
  /** Every open session, TCP and UDP. */
  sessions: Set<LanSession>;
  /** Counts a client admitted (connections() counts them since the listener opened). */
  admitted(): void;
}

export interface LanHostOptions {
  clock: Clock;
  log: Logger;
  tables: PreparedTables;
  firstSessionId?: number;
  powerOff?: () => void;
}

export function lanHostFor(options: LanHostOptions): LanHost {
  const { clock, log, tables } = options;
  let nextId = options.firstSessionId ?? 1 + Math.floor(Math.random() * 0xfff0);
  let asked = 0;
  return {
    clock,
    log,
    tables,
    nextSessionId: () => {
      const id = nextId;
      nextId = nextId >= 0xfffe ? 1 : nextId + 1;
      return id;
    },
    ask: (request: LanRequest) => {
      const id = ++asked;
      let answer: { ok: boolean; problem?: string } | undefined;
      const off = clock.on('lan.answered', (fact) => {
        if (fact.id === id) answer = fact.problem === undefined ? { ok: fact.ok } : fact;
      });
      try {
        clock.send({ type: 'lan.request', id, request });
      } finally {
        off();
      }
      return answer ?? { ok: false, problem: 'the firmware did not answer (is the clock running?)' };
    },
    afterReply: (action) => {
      setImmediate(() => {
        try {
          if (action === 'power-off' && options.powerOff) options.powerOff();
          else clock.restart();
        } catch (error) {
          log.error({ err: error }, `LAN ${action} failed`);
        }
      });
    },
  };
}
