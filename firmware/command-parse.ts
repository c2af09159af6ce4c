// One command's text (what follows `C:<id>:`) into a CloudCommand value. Words are matched in any case
// and may be separated by spaces or a TAB, as servers in the wild send them; this never throws.
import { readBiodataFields } from './command-biodata.js';
import { FieldReader, readTemplateFields, readUserFields, splitPairs } from './command-fields.js';
import type { CloudCommand } from './commands.js';

export function parseCommandText(text: string): CloudCommand {
  const [word, rest] = splitWord(text.trim());
  switch (word.toUpperCase()) {
    case '':
      return { kind: 'malformed', problem: 'the command is empty' };
    case 'DATA':
      return parseData(text, rest);
    case 'CLEAR': {
      const what = splitWord(rest)[0].toUpperCase();
      if (what === 'LOG') return { kind: 'clear-log' };
      if (what === 'DATA') return { kind: 'clear-data' };
      if (what === 'BIODATA') return { kind: 'clear-biodata' };
      return unsupported(text);
    }
    // Anything after these words carries nothing the clock needs.
    case 'CHECK':
      return { kind: 'check' };
    case 'LOG':
      return { kind: 'upload-new' };
    case 'RELOAD':
      return splitWord(rest)[0].toUpperCase() === 'OPTIONS' ? { kind: 'reload-options' } : unsupported(text);
    case 'VERIFY':
      return parseVerify(text, rest);
    case 'INFO':
      return { kind: 'info' };
    case 'REBOOT':
      return { kind: 'reboot' };
    case 'SET': {
      const [what, options] = splitWord(rest);
      return what.toUpperCase() === 'OPTION' ? parseOptions(options) : unsupported(text);
    }
    case 'ENROLL_FP':
      return parseEnroll(rest);
    default:
      return unsupported(text);
  }
}

function parseData(text: string, rest: string): CloudCommand {
  const [verb, afterVerb] = splitWord(rest);
  const [table, fields] = splitWord(afterVerb);
  const at = new FieldReader(fields);
  let command: CloudCommand;
  switch (`${verb.toUpperCase()} ${table.toUpperCase()}`) {
    case 'UPDATE USERINFO':
      command = { kind: 'update-user', user: readUserFields(at) };
      break;
    case 'DELETE USERINFO':
      command = { kind: 'delete-user', pin: at.pin() };
      break;
    case 'UPDATE FINGERTMP': {
      // An empty or bad TMP is the apply step's to judge (-9, -11, -12, not -1).
      command = { kind: 'update-template', ...readTemplateFields(at) };
      break;
    }
    case 'DELETE FINGERTMP': {
      const pin = at.pin();
      const fid = at.text('FID') === '' ? undefined : at.fid();
      command = fid === undefined ? { kind: 'delete-template', pin } : { kind: 'delete-template', pin, fid };
      break;
    }
    case 'UPDATE BIODATA':
    case 'DELETE BIODATA':
    case 'QUERY BIODATA':
      command = parseBiodata(verb.toUpperCase(), at);
      break;
    case 'QUERY ATTLOG': {
      const from = at.timestamp('StartTime');
      const to = at.timestamp('EndTime');
      if (from > to) at.fail('EndTime', 'is before StartTime');
      command = { kind: 'query-attlog', from, to };
      break;
    }
    case 'QUERY USERINFO': {
      const pin = at.optionalPin();
      command = pin === undefined ? { kind: 'query-userinfo' } : { kind: 'query-userinfo', pin };
      break;
    }
    default:
      return unsupported(text);
  }
  return at.problem === undefined ? command : { kind: 'malformed', problem: at.problem };
}

/** The BIODATA forms: Type is required to update and to query, optional to delete; No goes with a Type. */
function parseBiodata(verb: string, at: FieldReader): CloudCommand {
  if (verb === 'UPDATE') return { kind: 'update-biodata', record: readBiodataFields(at) };
  const pin = verb === 'DELETE' ? at.pin() : at.optionalPin();
  const type = verb === 'DELETE' ? at.optionalInteger('Type', 0, 255) : at.integer('Type', 0, 255);
  const no = at.optionalInteger('No', 0, 255);
  if (no !== undefined && type === undefined) at.fail('No', 'needs a Type');
  const picked = { ...(pin === undefined ? {} : { pin }), ...(type === undefined ? {} : { type }) };
  const withNo = no === undefined ? picked : { ...picked, no };
  if (verb === 'DELETE') return { kind: 'delete-biodata', pin: pin ?? '', ...withNo };
  return { kind: 'query-biodata', type: type!, ...withNo };
}

/**
 * `VERIFY SUM ATTLOG StartTime=…⇥EndTime=…` (§12: the only table it names). A server that leaves the
 * table word out still means attendance: there is no other sum to verify.
 */
function parseVerify(text: string, rest: string): CloudCommand {
  const [sum, afterSum] = splitWord(rest);
  const [table, afterTable] = splitWord(afterSum);
  if (sum.toUpperCase() !== 'SUM') return unsupported(text);
  const named = table.toUpperCase() === 'ATTLOG';
  if (!named && table !== '' && !table.includes('=')) return unsupported(text);
  const at = new FieldReader(named ? afterTable : afterSum);
  const from = at.timestamp('StartTime');
  const to = at.timestamp('EndTime');
  if (from > to) at.fail('EndTime', 'is before StartTime');
  return at.problem === undefined
    ? { kind: 'verify-attlog-sum', from, to }
    : { kind: 'malformed', problem: at.problem };
}

function parseOptions(text: string): CloudCommand {
  const pairs = splitPairs(text);
  if (pairs.length === 0) return { kind: 'malformed', problem: 'SET OPTION has no Key=Value' };
  // fromEntries, not assignment, so that a key such as `__proto__` stays an ordinary key.
  return { kind: 'set-option', options: Object.fromEntries(pairs) };
}

function parseEnroll(fields: string): CloudCommand {
  const at = new FieldReader(fields);
  const command: CloudCommand = {
    kind: 'enroll-finger',
    pin: at.pin(),
    fid: at.fid(),
    retries: at.integer('RETRY', 1, 10, 3),
    overwrite: at.flag('OVERWRITE'),
  };
  return at.problem === undefined ? command : { kind: 'malformed', problem: at.problem };
}

/** Names the command by its words before the first field: `USER ADD`, `DATA DEL USERINFO`. */
function unsupported(text: string): CloudCommand {
  const words: string[] = [];
  for (const word of text.trim().split(/[ \t]+/)) {
    if (word.includes('=') || words.length === 3) break;
    words.push(word);
  }
  return { kind: 'unsupported', name: words.join(' ') };
}

/** The first word and what follows it, split at the first run of spaces or TABs. */
function splitWord(text: string): [word: string, rest: string] {
  const match = /^([^ \t]*)[ \t]*([\s\S]*)$/.exec(text);
  return [match?.[1] ?? '', match?.[2] ?? ''];
}
