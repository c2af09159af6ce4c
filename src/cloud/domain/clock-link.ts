// What a clock's PUSH calls do to the cloud's records: proving who it is, being seen, its upload stamps
// and the options it reports, the commands delivered to it (resent, failed or dropped by the faults) and
// its answers to them. The PUSH face parses and answers; the rules and the store are here.
import type { Logger } from '../../log.js';
import { formatCommand, type CommandReply, type PushCommand, type PushEndpoint } from '../../protocol/index.js';
import type { CloudStore } from '../db/index.js';
import { authenticate, ProvenKeys, type DeviceVerdict } from './device-auth.js';
import type { CloudEvents } from './events.js';
import type { Faults } from './faults.js';
import type { ClockRegistry } from './registration.js';

/** How commands go out: resent when unanswered this long, failed after so many sends, so many per poll. */
export interface Delivery {
  resendAfterMs: number;
  maxSends: number;
  commandsPerPoll: number;
}

export class ClockLink {
  private readonly proven = new ProvenKeys();

  constructor(
    private readonly store: CloudStore,
    private readonly registry: ClockRegistry,
    private readonly faults: Faults,
    private readonly now: () => number,
    private readonly log: Logger,
    /** Facts for the live pages; a cloud without listeners pays one check per fact. */
    private readonly events?: CloudEvents,
  ) {}

  /** Whether the request speaks for a registered clock, and with what proof (device-auth.ts). */
  authenticate(request: {
    sn: string;
    endpoint: PushEndpoint;
    method: string;
    authorization: string | undefined;
  }): DeviceVerdict {
    return authenticate(this.store, this.registry, request, this.proven);
  }

  /** The clock called: its last-seen time moves (and the live pages hear of it). */
  seen(sn: string, endpoint: PushEndpoint): void {
    this.store.clocks.touch(sn, this.now());
    this.events?.emit('clock.seen', { sn, at: this.now(), endpoint });
  }

  /** The upload cursors the clock's handshake is given back. */
  stamps(sn: string): { attlogStamp: string; operlogStamp: string } {
    const clock = this.store.clocks.get(sn, this.now(), 0)!;
    return { attlogStamp: clock.attlogStamp, operlogStamp: clock.operlogStamp };
  }

  setStamp(sn: string, table: 'attlog' | 'operlog', stamp: string): void {
    this.store.clocks.setStamp(sn, table, stamp);
  }

  /** Options the clock reported (its firmware, counts, address…), merged into what is known of it. */
  mergeInfo(sn: string, info: Record<string, string>): void {
    this.store.clocks.mergeInfo(sn, info);
  }

  /** The `C:<id>:…` lines due to the clock now, marked sent; commands past their sends fail instead. */
  deliver(sn: string, delivery: Delivery): string[] {
    const { store, faults, now, log } = this;
    const lines: string[] = [];
    const dueQuery = {
      sn,
      now: now(),
      resendAfterMs: delivery.resendAfterMs,
      holdMs: faults.commandHoldMs(),
      limit: delivery.commandsPerPoll,
    };
    // Most polls find nothing due: asked outside a transaction, they write nothing and take no lock.
    if (store.commands.due(dueQuery).length === 0) return lines;
    store.transaction(() => {
      const due = store.commands.due(dueQuery);
      const sent: string[] = [];
      for (const command of due) {
        if (command.sends >= delivery.maxSends) {
          store.commands.finish(command.id, 'failed', `no answer after ${command.sends} sends`, now());
          log.warn({ sn, id: command.id, sends: command.sends }, 'command failed: never acknowledged');
        } else if (command.state === 'queued' && faults.takeCommandDrop()) {
          this.drop(command.id, sn);
        } else {
          const line = formatted(command.id, command.command);
          if (line === undefined) store.commands.finish(command.id, 'failed', 'cannot be formatted', now());
          else {
            lines.push(line);
            sent.push(command.id);
          }
        }
      }
      store.commands.markSent(sent, now());
    });
    for (const id of sentIds(lines)) this.events?.emit('command.changed', { id, sn, state: 'sent' });
    return lines;
  }

  private drop(id: string, sn: string): void {
    const { store, faults, now, log } = this;
    if (faults.get().dropMode === 'lost') store.commands.finish(id, 'done', 'dropped by fault injection', now());
    else store.commands.markSent([id], now());
    log.info({ sn, id, mode: faults.get().dropMode }, 'command dropped by fault injection');
  }

  /** The clock's answers to its commands: each command done or failed with the clock's Return code. */
  answer(sn: string, replies: readonly CommandReply[]): void {
    const { store, now, log } = this;
    store.transaction(() => {
      for (const reply of replies) {
        const command = store.commands.answer(sn, reply.id, reply.returnCode, reply.info, now());
        if (command !== undefined) this.events?.emit('command.changed', { id: command.id, sn, state: command.state });
        if (command === undefined) log.warn({ sn, id: reply.id }, 'reply to a command this clock was never sent');
        else if (reply.returnCode !== 0)
          log.info({ sn, id: reply.id, returnCode: reply.returnCode }, 'command failed on the clock');
      }
    });
  }
}

/** A stored command that no longer formats (an edited database) fails alone instead of the poll. */
function formatted(id: string, command: PushCommand): string | undefined {
  try {
    return `${formatCommand(id, command)}\n`;
  } catch {
    return undefined;
  }
}

/** The ids of `C:<id>:…` lines. */
function sentIds(lines: readonly string[]): string[] {
  return lines.map((line) => line.slice(2, line.indexOf(':', 2)));
}
