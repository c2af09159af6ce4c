// The clock's cloud icon as the link drives it: set only when it changes, and unknown after a reboot
// reset it (a booting clock shows the cloud red until a handshake answers).
import type { Clock } from '../runtime/index.js';

export class CloudIcon {
  private shown: boolean | undefined;

  constructor(private readonly clock: Clock) {}

  show(up: boolean): void {
    if (this.shown === up) return;
    this.clock.setCloud(up);
    this.shown = up;
  }

  forget(): void {
    this.shown = undefined;
  }

  /** Red again, whatever it showed; false when the clock refuses input (closed or halted). */
  reset(): boolean {
    try {
      this.forget();
      this.show(false);
      return true;
    } catch {
      return false;
    }
  }
}
