// What the panel needs of the cloud: where it is, whether it answers, and the break / restore switch.
// Small on purpose: `timeclock run` backs it with the sync link and a line it can cut (src/cli/cloud-link.ts).

export interface CloudStatus {
  /** The server answers: the panel's button then offers to break it. */
  reachable: boolean;
  /** One short phrase for the panel, e.g. `answering`, `cut off (simulator)`, `HTTP 500`. */
  detail: string;
  /** False when the server's TransFlag leaves out AttLog, so punches stay on the clock; absent when unknown. */
  attendanceUpload?: boolean;
}

export interface CloudControl {
  /** `embedded http://127.0.0.1:8081`, `none` or the server's URL, as configured. */
  readonly target: string;
  status(): CloudStatus;
  /** The simulator's switch: make the server stop answering, or answer again. */
  setReachable(reachable: boolean): void;
  /** Called whenever status() changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}
