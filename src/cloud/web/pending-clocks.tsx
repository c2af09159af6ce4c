// The clocks page's pending list: unknown serial numbers that asked, waiting for an admin to accept them
// (registered, with a device key the clock's next handshake takes) or to forget them.
import type { PendingClock } from '../types.js';
import { agoText } from './when.js';

export interface PendingProps {
  pending: { clocks: PendingClock[]; total: number; limit: number; dropped: number };
  csrf: string;
  canChange: boolean;
  now: number;
}

export function PendingClocks({ pending, csrf, canChange, now }: PendingProps) {
  if (pending.total === 0 && pending.dropped === 0) return null;
  return (
    <section aria-labelledby="pending-heading">
      <h2 id="pending-heading">Waiting to be accepted ({pending.total})</h2>
      <p class="note">
        Serial numbers this cloud does not know asked it. Accept one only if it is your clock: it is then registered,
        and its next handshake takes its device key. At most {pending.limit} wait; the least recently heard made room
        for {pending.dropped} since the cloud started.
      </p>
      <table class="pending">
        <thead>
          <tr>
            <th scope="col">Serial number</th>
            <th scope="col">First asked</th>
            <th scope="col">Last asked</th>
            <th scope="col">Requests</th>
            {canChange ? <th scope="col">Action</th> : null}
          </tr>
        </thead>
        <tbody>
          {pending.clocks.map((clock) => (
            <tr data-pending={clock.sn}>
              <td>{clock.sn}</td>
              <td>{agoText(clock.firstSeen, now)}</td>
              <td>{agoText(clock.lastSeen, now)}</td>
              <td class="number">{clock.requests}</td>
              {canChange ? (
                <td>
                  <PendingAction sn={clock.sn} csrf={csrf} action="accept" label={`Accept ${clock.sn}`} />
                  <PendingAction sn={clock.sn} csrf={csrf} action="reject" label={`Forget ${clock.sn}`} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PendingAction(props: { sn: string; csrf: string; action: 'accept' | 'reject'; label: string }) {
  return (
    <form method="post" action={`/clocks/pending/${encodeURIComponent(props.sn)}/${props.action}`}>
      <input type="hidden" name="_csrf" value={props.csrf} />
      <button type="submit">{props.label}</button>
    </form>
  );
}
