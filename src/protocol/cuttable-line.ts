// A line to the PUSH server with a switch, as a pulled cable or a dropped uplink: while cut, every
// request fails as an unreachable server's would (a TransportError of kind `connection`), so the clock's
// icons and offline queue behave as for real. The CLI's cloud switch and a fleet's drops both use it.
import { TransportError, type PushRequest, type PushResponse, type PushTransport } from './transport.js';

export class CuttableLine implements PushTransport {
  cut = false;

  constructor(
    private readonly inner: PushTransport,
    /** What a request meets while cut, as the log will say it. */
    private readonly reason: string,
  ) {}

  request(request: PushRequest): Promise<PushResponse> {
    return this.cut ? Promise.reject(new TransportError('connection', this.reason)) : this.inner.request(request);
  }

  close(): void {
    this.inner.close();
  }
}
