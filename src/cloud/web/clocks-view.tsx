// Clocks: every clock with its online state, when it was last seen, what it reported of itself, and how
// many commands wait for it.
import type { ClockSummary } from './clock-summary.js';
import type { Identity } from './context.js';
import { Layout, type Flash } from './layout.js';
import { PendingClocks, type PendingProps } from './pending-clocks.js';
import { agoText, spanText, utcText } from './when.js';
import { ColumnHeads } from './page-parts.js';

export interface ClocksPageProps {
  identity: Identity;
  csrf: string;
  clocks: ClockSummary[];
  now: number;
  onlineWithinMs: number;
  pending: PendingProps['pending'];
  flash?: Flash;
}

export function ClocksPage({ identity, csrf, clocks, now, onlineWithinMs, pending, flash }: ClocksPageProps) {
  return (
    <Layout title="Clocks" identity={identity} csrf={csrf} section="clocks" flash={flash}>
      <h1>Clocks</h1>
      <PendingClocks pending={pending} csrf={csrf} canChange={identity.role === 'sysadmin'} now={now} />
      <OnlineNote onlineWithinMs={onlineWithinMs} />
      <div data-live="clocks" data-live-on="clock command">
        {clocks.length === 0 ? (
          <p>No clock has been registered yet. A clock appears here after its first request to this cloud.</p>
        ) : (
          <table class="clocks">
            <caption class="visually-hidden">Clocks and their online state</caption>
            <ColumnHeads
              names={[
                'Serial number',
                'Name',
                'Model',
                'State',
                'Last seen',
                'Firmware',
                'Users',
                'Fingerprints',
                'Punches',
                'Pending commands',
              ]}
            />
            <tbody>
              {clocks.map((clock) => (
                <tr data-sn={clock.sn}>
                  <td>
                    <a href={`/clocks/${encodeURIComponent(clock.sn)}`}>{clock.sn}</a>
                  </td>
                  <td>{clock.name}</td>
                  <td>{clock.model ?? '—'}</td>
                  <td>
                    <OnlineState online={clock.online} />
                  </td>
                  <td>
                    <LastSeen lastSeen={clock.lastSeen} now={now} />
                  </td>
                  <td>{clock.firmware ?? '—'}</td>
                  <td class="number">{clock.users ?? '—'}</td>
                  <td class="number">{clock.fingerprints ?? '—'}</td>
                  <td class="number">{clock.punches ?? '—'}</td>
                  <td class="number">{clock.pending}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Layout>
  );
}

/** What "online" means here, and how it relates to the two icons on the clock's screen. */
export function OnlineNote({ onlineWithinMs }: { onlineWithinMs: number }) {
  return (
    <p class="note">
      The cloud only knows whether a clock was seen within 3 × Delay ({spanText(onlineWithinMs)}). <em>Online</em> means
      it was; <em>Offline</em> means it was not, and on the clock one of the two icons at the top right (network, cloud
      server) then shows a red dot or an X.
    </p>
  );
}

export function OnlineState({ online }: { online: boolean }) {
  return online ? (
    <span class="state online-yes">
      <span aria-hidden="true">● </span>Online
    </span>
  ) : (
    <span class="state online-no">
      <span aria-hidden="true">✕ </span>Offline
    </span>
  );
}

export function LastSeen({ lastSeen, now }: { lastSeen: number | undefined; now: number }) {
  if (lastSeen === undefined) return <span>never</span>;
  return <time datetime={new Date(lastSeen).toISOString()}>{`${utcText(lastSeen)} (${agoText(lastSeen, now)})`}</time>;
}
