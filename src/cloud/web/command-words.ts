// A queued command in words for the clock's page ("sent Ana Lopez to the clock"): the protocol line is
// read back with the clock's own parser, so the words say what the clock will understand, and the line
// itself stays one click away on the page. Pure: the employees' names come in as a map.
import { FINGER_NAMES, formatTimestamp, parseCommandText, type CloudCommand } from '../../../firmware/index.js';

/** The employee's name of each clock PIN (badge #) that belongs to someone: `1001 → Ana Lopez`. */
export type NamesByPin = ReadonlyMap<string, string>;

/** The PIN (badge #) the command line is about, if it is about one person: whose name the page needs. */
export function commandPin(line: string): string | undefined {
  const command = parseCommandText(line);
  switch (command.kind) {
    case 'update-user':
      return command.user.pin;
    case 'update-template':
      return command.template.pin;
    case 'update-biodata':
      return command.record.template.pin;
    case 'delete-user':
    case 'delete-template':
    case 'delete-biodata':
    case 'enroll-finger':
      return command.pin;
    case 'query-biodata':
    case 'query-userinfo':
      return command.pin;
    default:
      return undefined;
  }
}

/** What the page says for the command line `line` (its text after `C:<id>:`, secrets not masked). */
export function commandWords(line: string, names: NamesByPin): string {
  const command = parseCommandText(line);
  const who = (pin: string, fallback?: string) => personName(pin, names, fallback);
  switch (command.kind) {
    case 'update-user':
      return `sent ${who(command.user.pin, command.user.name)} to the clock`;
    case 'delete-user':
      return `deleted ${who(command.pin)} from the clock`;
    case 'update-template':
      return `sent the ${fingerText(command.template.fid)} fingerprint of ${who(command.template.pin)} to the clock`;
    case 'delete-template':
      return command.fid === undefined
        ? `deleted every fingerprint of ${who(command.pin)} from the clock`
        : `deleted the ${fingerText(command.fid)} fingerprint of ${who(command.pin)} from the clock`;
    case 'enroll-finger':
      return `asked the clock to enroll the ${fingerText(command.fid)}${command.fid === 4 || command.fid === 5 ? '' : ' finger'} of ${who(command.pin)}`;
    case 'update-biodata':
      return `sent the ${bioText(command.record.type, command.record.template.fid)} of ${who(command.record.template.pin)} to the clock`;
    case 'delete-biodata': {
      const what = command.type === undefined ? 'every biometric template' : `the ${bioText(command.type, command.no)}`;
      return `deleted ${what} of ${who(command.pin)} from the clock`;
    }
    case 'query-biodata':
      return `asked the clock for its ${bioText(command.type, command.no)}s${command.pin === undefined ? '' : ` of ${who(command.pin)}`}`;
    case 'query-userinfo':
      return command.pin === undefined
        ? 'asked the clock for every user it holds'
        : `asked the clock for its record of ${who(command.pin)}`;
    default:
      return clockWideWords(command);
  }
}

/** The commands about the clock as a whole, not about one person. */
function clockWideWords(command: CloudCommand): string {
  switch (command.kind) {
    case 'info':
      return 'asked for the clock’s info';
    case 'reboot':
      return 'told the clock to restart';
    case 'check':
      return 'asked the clock to check in and upload what it has not sent yet';
    case 'upload-new':
      return 'asked the clock to upload its new records now';
    case 'reload-options':
      return 'asked the clock to read its options again';
    case 'clear-log':
      return 'told the clock to erase its punches';
    case 'clear-data':
      return 'told the clock to erase all its data (users, fingerprints and punches)';
    case 'clear-biodata':
      return 'told the clock to erase every biometric template';
    case 'query-attlog':
      return `asked the clock for its punches from ${formatTimestamp(command.from)} to ${formatTimestamp(command.to)}`;
    case 'verify-attlog-sum':
      return `asked the clock to count its punches from ${formatTimestamp(command.from)} to ${formatTimestamp(command.to)}`;
    case 'set-option':
      return `set the clock’s ${Object.keys(command.options).join(', ')}`;
    case 'unsupported':
      return `sent a command the clock does not know (${command.name})`;
    case 'malformed':
      return `sent a command the clock cannot read: ${command.problem}`;
    default:
      // The person's commands are commandWords' own; a new kind shows by its name until it has words.
      return `sent ${command.kind}`;
  }
}

/** The employee's name, else the name the command carries (a user the portal does not know), else `PIN 1001`. */
function personName(pin: string, names: NamesByPin, fallback: string | undefined): string {
  const name = names.get(pin) ?? fallback?.trim();
  return name === undefined || name === '' ? `PIN ${pin}` : name;
}

/** `right index`, from the finger's index 0–9. */
function fingerText(fid: number): string {
  return (FINGER_NAMES[fid] ?? `finger ${fid}`).replace('-', ' ');
}

/** A BIODATA template by its Type: fingers are Type 1 (and No their finger), faces Type 9. */
function bioText(type: number, no: number | undefined): string {
  if (type === 1) return no === undefined ? 'fingerprint template' : `${fingerText(no)} fingerprint template`;
  if (type === 9) return 'face template';
  return `biometric template of type ${type}`;
}
