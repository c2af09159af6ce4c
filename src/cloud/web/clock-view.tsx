// One clock: what the list says, plus the lives of its latest commands with the clock's Return codes, the
// changes it reported that the portal did not take, its operation records, and a SysAdmin's actions.
import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { NewOperation } from '../../../firmware/index.js';
import { formatTimestamp } from '../../../firmware/index.js';
import { commandLine, commandView } from '../api/index.js';
import type { ClockChange } from '../domain/index.js';
import type { QueuedCommand } from '../types.js';
import type { ClockSummary } from './clock-summary.js';
import { commandWords, type NamesByPin } from './command-words.js';
import { LastSeen, OnlineNote, OnlineState } from './clocks-view.js';
import type { Identity } from './context.js';
import { operationText, returnCodeText } from './labels.js';
import { Layout, type Flash } from './layout.js';
import { ClockFaceLink } from './render.js';
import { utcText } from './when.js';
import { ColumnHeads } from './page-parts.js';

export interface ClockPageProps {
  identity: Identity;
  csrf: string;
  clock: ClockSummary;
  commands: QueuedCommand[];
  changes: ClockChange[];
  operations: (NewOperation & { receivedAt: number })[];
  /** The employee ID of each PIN in `changes` that belongs to someone. */
  employeeOfPin: ReadonlyMap<string, string>;
  /** The employee's name of each PIN the commands are about that belongs to someone. */
  namesByPin: NamesByPin;
  now: number;
  onlineWithinMs: number;
  flash?: Flash;
}

/** The clock's face in the browser, when this portal serves this clock's (`timeclock run`). */
function FaceLink({ sn }: { sn: string }) {
  const face = useContext(ClockFaceLink);
  if (face?.sn !== sn) return null;
  return (
    <>
      {' · '}
      <a href={face.href}>{`Clock ${sn}: its face`}</a>
    </>
  );
}

export function ClockPage(props: ClockPageProps) {
  const { identity, csrf, clock, now, onlineWithinMs, flash } = props;
  const path = `/clocks/${encodeURIComponent(clock.sn)}`;
  return (
    <Layout title={`Clock ${clock.sn}`} identity={identity} csrf={csrf} section="clocks" flash={flash}>
      <p>
        <a href="/clocks">All clocks</a>
        <FaceLink sn={clock.sn} />
      </p>
      <h1>{clock.name === clock.sn ? `Clock ${clock.sn}` : `${clock.name} (${clock.sn})`}</h1>
      <OnlineNote onlineWithinMs={onlineWithinMs} />
      <dl class="facts" data-live="clock-facts" data-live-sn={clock.sn} data-live-on="clock command">
        <Fact term="Serial number">{clock.sn}</Fact>
        <Fact term="Name">{clock.name}</Fact>
        <Fact term="Model">{clock.model ?? 'not reported yet'}</Fact>
        <Fact term="State">
          <OnlineState online={clock.online} />
        </Fact>
        <Fact term="Last seen">
          <LastSeen lastSeen={clock.lastSeen} now={now} />
        </Fact>
        <Fact term="Firmware">{clock.firmware ?? 'not reported yet'}</Fact>
        <Fact term="Users">{clock.users ?? '—'}</Fact>
        <Fact term="Fingerprints">{clock.fingerprints ?? '—'}</Fact>
        <Fact term="Punches">{clock.punches ?? '—'}</Fact>
        <Fact term="Pending commands">{String(clock.pending)}</Fact>
      </dl>
      {identity.role === 'sysadmin' && (
        <section aria-labelledby="actions">
          <h2 id="actions">Actions</h2>
          <div class="actions">
            <ActionForm action={`${path}/reboot`} csrf={csrf} label="Reboot" />
            <ActionForm action={`${path}/reupload`} csrf={csrf} label="Re-upload all punches" />
            <ActionForm action={`${path}/resend`} csrf={csrf} label="Send every assigned employee again" />
          </div>
          <p class="note">
            Each action queues commands; the clock takes them at its next poll. Re-upload sets the clock's stamps to 0
            and sends CHECK; punches already here are not stored twice.
          </p>
        </section>
      )}
      <section aria-labelledby="commands">
        <h2 id="commands">Commands</h2>
        <div data-live="clock-commands" data-live-sn={clock.sn} data-live-on="command">
          <CommandTable commands={props.commands} names={props.namesByPin} />
        </div>
      </section>
      <section aria-labelledby="changes">
        <h2 id="changes">Changes the clock reported that the portal did not take</h2>
        <p class="note">
          The portal is the authority for clock role and non-secure: a clock reporting others is recorded here and
          neither obeyed nor sent to other clocks. Add/Remove on the employee's profile puts the portal's copy back.
        </p>
        <div data-live="clock-changes" data-live-sn={clock.sn} data-live-on="command punch clock">
          <ChangeTable changes={props.changes} employeeOfPin={props.employeeOfPin} />
        </div>
      </section>
      <section aria-labelledby="operations">
        <h2 id="operations">Recent operations</h2>
        <div data-live="clock-operations" data-live-sn={clock.sn} data-live-on="clock punch">
          <OperationTable operations={props.operations} />
        </div>
      </section>
    </Layout>
  );
}

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ActionForm({ action, csrf, label }: { action: string; csrf: string; label: string }) {
  return (
    <form method="post" action={action}>
      <input type="hidden" name="_csrf" value={csrf} />
      <button type="submit">{label}</button>
    </form>
  );
}

function CommandTable({ commands, names }: { commands: QueuedCommand[]; names: NamesByPin }) {
  if (commands.length === 0) return <p>No command has been queued for this clock.</p>;
  return (
    <table class="commands">
      <ColumnHeads names={['ID', 'Command', 'Life', 'Outcome']} />
      <tbody>
        {commands.map((c) => (
          <tr data-command={c.id} data-state={c.state}>
            <td>{c.id}</td>
            <td>
              <CommandText command={c} names={names} />
            </td>
            <td>
              <CommandLife command={c} />
            </td>
            <td class={`outcome ${c.state}`}>{outcomeText(c)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The command in words, its protocol line (secrets masked) one click away. */
function CommandText({ command, names }: { command: QueuedCommand; names: NamesByPin }) {
  return (
    <>
      <span class="command-words">{commandWords(commandLine(command.command), names)}</span>
      <details class="command-line">
        <summary>protocol line</summary>
        <code>{commandView(command).text}</code>
      </details>
    </>
  );
}

/** queued → sent → done / failed, each step with its time. */
function CommandLife({ command: c }: { command: QueuedCommand }) {
  const finished = c.state === 'done' || c.state === 'failed';
  return (
    <ol class="life" aria-label={`Command ${c.id}: ${c.state}`}>
      <li>{`queued ${utcText(c.createdAt)}`}</li>
      {c.sentAt !== undefined && <li>{`sent ${utcText(c.sentAt)}${c.sends > 1 ? ` (${c.sends} times)` : ''}`}</li>}
      {finished && <li>{`${c.state} ${c.finishedAt === undefined ? '' : utcText(c.finishedAt)}`.trim()}</li>}
    </ol>
  );
}

/** `done: Return 0 success`, `failed: Return −1002 not supported`, or the note when the clock never answered. */
export function outcomeText(c: QueuedCommand): string {
  if (c.state === 'queued') return 'waiting for the clock to poll';
  if (c.state === 'sent') return 'sent; waiting for the clock’s answer';
  const why = c.returnCode !== undefined ? `Return ${returnCodeText(c.returnCode)}` : (c.note ?? 'no answer recorded');
  return `${c.state}: ${why}`;
}

const FIELD_TEXT: Record<string, string> = {
  role: 'clock role',
  verifyMode: 'verify mode (non-secure)',
  card: 'card',
  password: 'password',
  newUser: 'user the portal did not know',
  fingerprint: 'fingerprint not taken',
};

function ChangeTable({
  changes,
  employeeOfPin,
}: {
  changes: ClockChange[];
  employeeOfPin: ReadonlyMap<string, string>;
}) {
  if (changes.length === 0) return <p>None: this clock agrees with the portal.</p>;
  return (
    <table class="changes">
      <ColumnHeads names={['Received', 'PIN (badge #)', 'What', 'The clock said', 'The portal keeps']} />
      <tbody>
        {changes.map((change) => {
          const employeeId = employeeOfPin.get(change.pin);
          return (
            <tr>
              <td>{utcText(change.receivedAt)}</td>
              <td>
                {employeeId === undefined ? (
                  change.pin
                ) : (
                  <a href={`/employees/${encodeURIComponent(employeeId)}`}>{change.pin}</a>
                )}
              </td>
              <td>{FIELD_TEXT[change.field] ?? change.field}</td>
              <td>{change.clockValue === '' ? '(none)' : change.clockValue}</td>
              <td>{change.portalValue === '' ? '(none)' : change.portalValue}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function OperationTable({ operations }: { operations: (NewOperation & { receivedAt: number })[] }) {
  if (operations.length === 0) return <p>No operation record has been uploaded.</p>;
  return (
    <table class="operations">
      <ColumnHeads names={['Clock time', 'Operation', 'By (admin PIN)']} />
      <tbody>
        {operations.map((o) => (
          <tr>
            <td>{formatTimestamp(o.time)}</td>
            <td>{operationText(o.op)}</td>
            <td>{o.admin === '0' || o.admin === '' ? '—' : o.admin}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
