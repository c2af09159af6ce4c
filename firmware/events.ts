// What reaches the clock's firmware (inputs from readers, keypad, network, cloud and the RTC) and the
// facts it emits for its host to log, upload and persist.
import type { CommandLine, CommandOutcome } from './commands.js';
import type { Key } from './device.js';
import type { Finger } from './fingers.js';
import type { LanRequest, LanResult } from './lan.js';
import type { LoadedCounts, RecordsLoad } from './load.js';
import type { OperationRecord } from './ports.js';
import type { Punch } from './punches.js';
import type { ClockSettings } from './settings.js';
import type { LocalTime } from './time.js';
import type { StoreFailedEvent, StoreFault, StoreWrite } from './store-faults.js';

export type ClockEvent =
  | { type: 'keypad.key'; key: Key }
  | { type: 'finger.placed'; finger: Finger; quality: 'good' | 'poor' }
  | { type: 'card.tapped'; card: string }
  | { type: 'link.up' }
  | { type: 'link.down' }
  /** The cloud server answered as it should. */
  | { type: 'cloud.up' }
  /** The cloud server is unreachable or answers with errors. */
  | { type: 'cloud.down' }
  /**
   * The host's cloud link: the server it talks to (which may not be the Cloud server setting, when the
   * host was told another), and whether the server's TransFlag lets punches upload (AttLog): null until
   * a server answered the handshake.
   */
  | { type: 'cloud.linked'; server: string; attendanceUpload: boolean | null }
  /** The RTC: the device's local time, sent by the runtime each minute; an input carries its own (clock.time.ts). */
  | { type: 'clock.tick'; now: LocalTime }
  /** The cloud changed settings (SET OPTION, TimeZone, the Date header). */
  | { type: 'settings.changed'; settings: ClockSettings }
  /** The cloud asked the clock to enroll a finger (ENROLL_FP). */
  | { type: 'enroll.requested'; pin: string; fid: number }
  /** An SDK client on the LAN asked for a change; answered by `lan.answered` with the same id. */
  | { type: 'lan.request'; id: number; request: LanRequest }
  /** The machine's own: what its `applyLan` effect did with a `lan.request`, to be answered. */
  | {
      type: 'lan.applied';
      id: number;
      request: LanRequest;
      result: Omit<LanResult, 'operations'> & { records: OperationRecord[] };
    }
  /** A PUSH command from the cloud link; answered by `command.answered` with its id. */
  | { type: 'cloud.command'; line: CommandLine }
  /** The machine's own: what its `applyCloudCommand` effect did with a `cloud.command`, to be answered. */
  | ({ type: 'command.applied'; line: CommandLine } & CommandAnswer)
  /** A set-up load (load.ts); answered by `records.loaded`. */
  | { type: 'records.load'; load: RecordsLoad }
  /** The machine's own: what its `loadRecords` effect wrote; null when the store refused it. */
  | { type: 'records.stored'; counts: LoadedCounts | null }
  /**
   * The cloud acknowledged an upload up to `seq` of a table (ATTLOG, OPERLOG): the next one resumes after
   * it. A seq of 0 sends the table again from the start (the server's stamp 0).
   */
  | { type: 'upload.acknowledged'; table: string; seq: number }
  /** The machine's own: an effect's write is in the store; now its facts are told. */
  | { type: 'store.written'; facts: ClockEmitted[] }
  /** The machine's own: an effect's write met a full, read-only or failing store (store-faults.ts). */
  | StoreFailedEvent
  /** Raised by the attention region: no input for a short while, and for a long while. */
  | { type: 'attention.lapsed' }
  | { type: 'attention.gone' };

export type ClockEmitted =
  | { type: 'punch.recorded'; punch: Punch }
  | { type: 'operation.recorded'; operation: OperationRecord }
  | { type: 'finger.enrolled'; pin: string; fid: number }
  | { type: 'user.deleted'; pin: string }
  | { type: 'settings.saved'; settings: ClockSettings }
  /** Too many failed tries in a row: ID entry (punches and the menu's sign-in) is locked until `until`. */
  | { type: 'keypad.locked'; purpose: 'punch' | 'menu'; failures: number; until: LocalTime }
  /** The answer to a `lan.request`; `problem` says why a refused write was refused. */
  | { type: 'lan.answered'; id: number; ok: boolean; problem?: string }
  /** The answer to a `cloud.command`: the Return code and reply the devicecmd body carries. */
  | ({ type: 'command.answered'; id: string } & CommandAnswer)
  /** What a `records.load` wrote; `ok` false when the store refused it (told as `store.failed` too). */
  | { type: 'records.loaded'; ok: boolean; counts: LoadedCounts }
  /** The door output was switched on for a while (the LAN's UNLOCK). */
  | { type: 'door.unlocked'; seconds: number }
  /** The speaker played a prompt (the LAN's TESTVOICE). */
  | { type: 'voice.played'; index: number }
  /** A write was refused by the store (nothing of it kept); `pin` names whose punch was refused. */
  | { type: 'store.failed'; what: StoreWrite; fault: StoreFault; detail: string; pin?: string };

/** Events a test or a UI may send: everything but the ones the machine raises itself. */
export type ClockInput = Exclude<
  ClockEvent,
  {
    type:
      | 'attention.lapsed'
      | 'attention.gone'
      | 'lan.applied'
      | 'command.applied'
      | 'records.stored'
      | 'store.written'
      | 'store.failed';
  }
>;

/**
 * A command's outcome; `replayed` when its id was in the journal (answered again, nothing applied), and
 * `answered` the command text the reply speaks for (the journal's, for a replayed id).
 */
export interface CommandAnswer {
  outcome: CommandOutcome;
  replayed: boolean;
  answered: string;
}
