// Power for the clock's firmware: on, off, the watchdog that reboots it on the same store after a fault
// in a step, and the halt when the fault is at power on itself (rebooting would only meet it again).
import type { Actor } from 'xstate';
import type { ClockMachine } from '../../firmware/index.js';
import { codedError } from '../errors.js';
import type { Logger } from '../log.js';

export interface PowerWiring {
  /** Runs fn with this clock's store in the shared machine's seat (src/runtime/seat.ts). */
  inSeat<T>(fn: () => T): T;
  /** A new firmware actor, not started, with `onCrash` as its error observer. */
  create(onCrash: (error: unknown) => void): Actor<ClockMachine>;
  /** After the actor started: what the host sets up around it (cable, RTC, log). */
  started(actor: Actor<ClockMachine>): void;
  /** Power off: what the host tears down before the actor stops. */
  off(): void;
}

export class Power {
  /** The firmware's actor, set before it starts (its first facts may read it). */
  current: Actor<ClockMachine> | undefined;
  /** The fault that halted the clock at power on; undefined while it runs. */
  halted: unknown;
  private booting = false;
  /** A fault while powering on; the watchdog does not reboot into it again and again. */
  private bootFault: unknown;

  constructor(
    private readonly serialNumber: string,
    private readonly log: Logger,
    private readonly wiring: PowerWiring,
  ) {}

  /** Powers on; a fault on the way halts the clock and throws, naming the fault. */
  boot(): void {
    this.bootFault = undefined;
    this.booting = true;
    try {
      this.wiring.inSeat(() => {
        const actor = this.wiring.create((error) => this.onCrash(error));
        this.current = actor;
        actor.start();
        this.wiring.started(actor);
      });
    } catch (error) {
      this.bootFault ??= error;
    } finally {
      this.booting = false;
    }
    if (this.bootFault === undefined) return;
    this.halted = this.bootFault;
    this.log.fatal({ err: this.bootFault }, 'firmware fault at power on: halted');
    const message = `clock ${this.serialNumber} cannot power on: ${messageOf(this.bootFault)}`;
    throw codedError('TC_ERR_CLOCK_HALTED', message, { cause: this.bootFault });
  }

  off(): void {
    this.wiring.off();
    this.wiring.inSeat(() => this.current?.stop());
  }

  /** Also the way out of a halt: the fault that stopped power-on may be gone. */
  restart(): void {
    this.off();
    this.halted = undefined;
    this.boot();
  }

  /** The running actor; throws, saying why, if the clock is halted or not booted. */
  get actor(): Actor<ClockMachine> {
    this.assertRunning();
    if (this.current === undefined) throw codedError('TC_ERR_CLOCK_NOT_BOOTED', 'the clock has not booted');
    return this.current;
  }

  assertRunning(): void {
    if (this.halted === undefined) return;
    throw codedError(
      'TC_ERR_CLOCK_HALTED',
      `clock ${this.serialNumber} is halted: it could not power on (${messageOf(this.halted)})`,
    );
  }

  /** The firmware's watchdog: a fault in a step is logged and the clock reboots on the same store. */
  private onCrash(error: unknown): void {
    // At power on, boot() reports the fault: rebooting would only meet it again.
    if (this.booting) {
      this.bootFault = error;
      return;
    }
    this.log.error({ err: error }, 'firmware fault: rebooting');
    this.off();
    try {
      this.boot();
    } catch {
      // Halted: boot() logged why, and every call from now on says so. Throwing here would throw out of
      // the actor's observer, where the host's caller cannot catch it.
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
