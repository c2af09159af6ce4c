// What the runner needs of a cloud: seed the portal, connect each clock's sync link, run portal
// operations, break and mend the server, and answer questions about what it holds. The embedded
// implementation lives in embedded-cloud.ts; `cloud: none` has no harness at all.
import type { Clock } from '../runtime/index.js';
import type { Cloud } from '../cloud/index.js';
import type { CloudFault, EmployeeSpec, PortalOp } from './types.js';

export interface CloudCommandView {
  state: 'queued' | 'sent' | 'done' | 'failed';
  /** The command line as the clock gets it, without the `C:<id>:` prefix. */
  text: string;
}

export interface CloudEmployeeView {
  badge: string;
  nonSecure: boolean;
  role: string;
  clocks: string[];
}

export interface CloudHarness {
  /** The server answers in real time (over HTTP): waiting for the link is waiting for the wire. */
  readonly realTime?: boolean;
  /** The embedded cloud itself, for benchmarks that count what it answered; absent for a URL cloud. */
  readonly embedded?: Cloud;
  /** The portal creates these employees; their profiles are queued for their clocks. */
  seed(employees: readonly EmployeeSpec[]): void;
  /** Starts the clock's sync link against this cloud. */
  connect(clock: Clock): void;
  /** A portal operation; throws an Error whose message says why the portal refused it. */
  portal(op: PortalOp): void;
  /** `down`: the server is gone (every request fails); `up`: it answers again and faults are cleared. */
  setAvailable(up: boolean): void;
  fault(fault: CloudFault, count: number | 'always'): void;
  /**
   * Waits until no link has a round in flight, where all of it runs in this process; false (at once or
   * later) when something waits on a timer or the wire, and the event loop must turn instead. A plain
   * true when no link was working: most instants of a day, and no promise is made for them.
   */
  settle?(): boolean | Promise<boolean>;
  /** Resolves once the clock's link made a whole round with nothing left to fetch or upload. */
  whenIdle(serial: string): Promise<void>;
  punches(serial?: string): number;
  commands(serial: string): CloudCommandView[];
  employee(badge: string): CloudEmployeeView | undefined;
  /** Hours (h:mm) the employee of a badge worked on a date (YYYY-MM-DD) and in its week; undefined for no such employee. */
  hours(badge: string, date: string): { day: string; week: string } | undefined;
  close(): Promise<void>;
}
