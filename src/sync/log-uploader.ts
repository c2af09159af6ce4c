// Posting the logs' batches to the cloud for a round (link-rounds.ts): each batch, its BIODATA fingers,
// then the cursor moved and the upload counted. The cursor moves only after the server's OK.
import type { RoundHost } from './link-rounds.js';
import { moveOverAnswered, warnIfMiscounted, type UploadBatch } from './uploads.js';

export class LogUploader {
  readonly uploaded: { ATTLOG: number; OPERLOG: number; BIODATA: number } = { ATTLOG: 0, OPERLOG: 0, BIODATA: 0 };
  /** Seqs of punches beyond the ATTLOG cursor that a DATA QUERY answer brought to the server. */
  private readonly answeredPunches = new Set<number>();

  constructor(private readonly host: RoundHost) {}

  /**
   * One batch at a time, each acknowledged before the next is sent; the next one is read and formatted
   * while the server works on the current one, which keeps the store's time off the wire's.
   */
  async drain(next: (afterSeq?: number) => UploadBatch | undefined): Promise<void> {
    let batch = next();
    while (batch !== undefined) {
      const posted = this.post(batch);
      const following = next(batch.lastSeq);
      await posted;
      batch = following;
    }
  }

  /** The cursor moves only after the server's OK (of the BIODATA fingers too): a batch cut short by a crash is sent again. */
  async post(batch: UploadBatch): Promise<void> {
    await this.send(batch);
    if (batch.biodata !== undefined) await this.send(batch.biodata);
    let cursor = batch.lastSeq;
    if (cursor === undefined && batch.seqs !== undefined) {
      cursor = moveOverAnswered(this.host.clock.records, this.answeredPunches, batch.seqs);
      if (cursor !== undefined)
        this.host.log.info({ cursor }, 'upload: the punches a DATA QUERY sent count as uploaded');
    }
    if (cursor !== undefined) this.host.clock.send({ type: 'upload.acknowledged', table: batch.table, seq: cursor });
    this.uploaded[batch.table] += batch.lines;
    if (batch.lines > 0) this.host.log.debug({ table: batch.table, lines: batch.lines }, 'records uploaded');
    const event = { table: batch.table, lines: batch.lines };
    this.host.events.emit('records.uploaded', cursor === undefined ? event : { ...event, cursor });
  }

  /** Posts one body and says out loud when the server counted another number of records than were sent. */
  private async send(batch: UploadBatch): Promise<void> {
    // Records the server did not ask for (TransFlag) leave nothing to send and nothing to wait for.
    if (batch.lines === 0) return;
    const answer = await this.host.request(() => this.host.client.upload(batch));
    warnIfMiscounted(this.host.log, batch, answer);
  }
}
