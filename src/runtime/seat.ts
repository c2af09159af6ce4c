// One clock machine for all the clocks of a process. xstate's provide() builds a whole machine (its state
// nodes, transitions and their caches), and each clock made its own, twice over: about 100 KiB a clock,
// which a fleet of 20,000 in one process cannot afford. The shared machine's store is the seat's: the clock
// whose actor runs sits in it while its start, an input or one of its timers is processed, and no one
// else; outside a seat the machine's store refuses with an error, never another clock's tables.
import { clockMachineOn, PORT_WRITES, timedInputs, type ClockMachine, type ClockPorts } from '../../firmware/index.js';
import { codedError } from '../errors.js';
import { withDoor, type StoreDoor } from './door.js';

let seated: StoreDoor | undefined;

function door(): StoreDoor {
  if (seated === undefined)
    throw codedError('TC_ERR_CLOCK_UNSEATED', 'the clock machine ran outside its clock: no store is seated');
  return seated;
}

/** The seated clock's ports, table by table, read at each use: the machine's builders keep no table. */
const seatPorts = Object.defineProperties(
  { transaction: <T>(fn: () => T): T => door().ports.transaction(fn) },
  Object.fromEntries(
    (Object.keys(PORT_WRITES) as (keyof typeof PORT_WRITES)[]).map((table) => [
      table,
      { get: () => door().ports[table], enumerable: true },
    ]),
  ),
) as ClockPorts;

const seatDoor: StoreDoor = {
  get ports() {
    return door().ports;
  },
  get records() {
    return door().records;
  },
  open: (fn) => door().open(fn),
};

let shared: ClockMachine | undefined;

/**
 * The process's clock machine, on whichever store is seated; its effects open the seated clock's door, and
 * an input that carries its time (`now`) sets the clock's time in the input's own step.
 */
export function seatedClockMachine(): ClockMachine {
  return (shared ??= timedInputs(withDoor(clockMachineOn(seatPorts), seatDoor)));
}

/** Runs fn with this clock's door in the seat; the seat is given back after, nested or not. */
export function inSeat<T>(clock: StoreDoor, fn: () => T): T {
  const before = seated;
  seated = clock;
  try {
    return fn();
  } finally {
    seated = before;
  }
}
