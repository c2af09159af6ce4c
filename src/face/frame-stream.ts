// The clock's frames as server-sent events, for every open face page: one subscription to the clock,
// each frame turned into its message once and written to every page at once, the moment the firmware
// draws it (no batching: a key's answer is due in the page within tens of milliseconds).
import type { ServerResponse } from 'node:http';
import { EVENT_STREAM_HEADERS } from '../cloud/index.js';
import { faceView } from './frame-view.js';
import type { FaceSource } from './hands.js';

/** A comment now and then keeps proxies from closing a quiet stream and notices a page that left. */
const HEARTBEAT_MS = 15_000;
/** How long a browser waits before it opens the stream again after it broke. */
const RETRY_MS = 2_000;

/** What a page is told with each frame: the face, and the two lines the simulator's hands switch. */
export function lineState(source: FaceSource): { network: boolean; cloud: boolean | null } {
  const cloud = source.cloud();
  return { network: source.clock.frame().icons.network !== 'x', cloud: cloud ? cloud.status().reachable : null };
}

export function frameMessage(source: FaceSource): string {
  const view = faceView(source.clock.frame(), source.clock.model.screen);
  return `event: frame\ndata: ${JSON.stringify({ view, ...lineState(source) })}\n\n`;
}

export class FrameStream {
  private readonly pages = new Set<ServerResponse>();
  private unsubscribe: (() => void) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly source: FaceSource) {
    // Subscribed at once, before the terminal UI when both run: a page gets its frame before blessed redraws.
    this.unsubscribe = source.clock.on('frame.changed', () => {
      if (this.pages.size > 0) this.send(frameMessage(source));
    });
  }

  get open(): number {
    return this.pages.size;
  }

  /** Starts an event stream on `out` (headers already chosen by the caller), with the frame of now. */
  add(out: ServerResponse, headers: Record<string, string | number | string[]>): void {
    out.writeHead(200, { ...headers, ...EVENT_STREAM_HEADERS });
    out.write(`retry: ${RETRY_MS}\n\n${frameMessage(this.source)}`);
    this.pages.add(out);
    const end = () => this.remove(out);
    out.on('close', end);
    out.on('error', end);
    this.heartbeat ??= setInterval(() => this.send(': heartbeat\n\n'), HEARTBEAT_MS);
  }

  /** Told again with the lines' state when a hand changes one that does not show on the screen at once. */
  resend(): void {
    if (this.pages.size > 0) this.send(frameMessage(this.source));
  }

  private send(text: string): void {
    for (const out of this.pages) out.write(text);
  }

  private remove(out: ServerResponse): void {
    this.pages.delete(out);
    if (this.pages.size > 0) return;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** Ends every stream: before the server closes, which would otherwise wait on them. */
  close(): void {
    for (const out of [...this.pages]) out.end();
    this.pages.clear();
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
