// What the cloud link tells its host: its status, and a typed event map of the state it is in, the
// options the server gave it, what it uploaded and which commands it answered. Handlers that throw are
// the host's bug and must not stop the link, so each call is guarded.
import type { PushOptions } from '../protocol/index.js';
import type { UploadTable } from './uploads.js';

/** `connecting` until the first handshake; `paused` while the network link is down. */
export type SyncState = 'connecting' | 'online' | 'offline' | 'paused' | 'stopped';

export interface SyncStatus {
  state: SyncState;
  options: PushOptions;
  /** The last failure, while offline. */
  problem?: string;
  /** Source time (UTC ms) of the last good answer. */
  lastContact?: number;
  /** Lines the server acknowledged since the link started, per table. */
  uploaded: { ATTLOG: number; OPERLOG: number; BIODATA: number };
  commandsAnswered: number;
  /**
   * Whether the server's TransFlag lets punches upload (AttLog); absent until a handshake answered. When
   * false, the clock keeps its punches until the server asks for them (DATA QUERY ATTLOG).
   */
  attendanceUpload?: boolean;
}

/** The link's status: what its rounds know with the link's own state, copied for the caller to keep. */
export function syncStatus(
  rounds: Pick<SyncStatus, 'options' | 'uploaded' | 'commandsAnswered'> & { attendanceUpload: boolean | undefined },
  link: { state: SyncState; problem: string | undefined; lastContact: number | undefined },
): SyncStatus {
  const { options, uploaded, commandsAnswered, attendanceUpload } = rounds;
  return {
    state: link.state,
    options: { ...options, transFlags: new Set(options.transFlags) },
    uploaded: { ...uploaded },
    commandsAnswered,
    ...(attendanceUpload === undefined ? {} : { attendanceUpload }),
    ...(link.problem === undefined ? {} : { problem: link.problem }),
    ...(link.lastContact === undefined ? {} : { lastContact: link.lastContact }),
  };
}

export interface SyncEvents {
  'state.changed': { state: SyncState; problem?: string };
  'options.applied': { options: PushOptions };
  /** `cursor` is where the table's upload cursor now stands; absent for DATA QUERY answers. */
  'records.uploaded': { table: UploadTable; lines: number; cursor?: number };
  'commands.answered': { ids: string[] };
}

export type SyncEventType = keyof SyncEvents;

export class SyncEmitter {
  private readonly handlers = new Map<SyncEventType, Set<(payload: never) => void>>();

  constructor(private readonly onHandlerError: (type: SyncEventType, error: unknown) => void) {}

  on<T extends SyncEventType>(type: T, handler: (payload: SyncEvents[T]) => void): () => void {
    const set = this.handlers.get(type) ?? new Set();
    set.add(handler as (payload: never) => void);
    this.handlers.set(type, set);
    return () => void set.delete(handler as (payload: never) => void);
  }

  emit<T extends SyncEventType>(type: T, payload: SyncEvents[T]): void {
    for (const handler of this.handlers.get(type) ?? []) {
      try {
        (handler as (payload: SyncEvents[T]) => void)(payload);
      } catch (error) {
        this.onHandlerError(type, error);
      }
    }
  }
}
