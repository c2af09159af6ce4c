// The BIODATA table of newer PUSH servers (protocol 2.4, "integrated templates"): one table for every
// biometric, told apart by Type. This clock reads fingers only (Type 1), with ZKFinger 10 in ZK format:
// a BIODATA fingerprint is the same template FINGERTMP carries, kept in the same table.
import type { CommandContext } from './command-apply.js';
import type { FieldReader } from './command-fields.js';
import { deleteTemplate, updateTemplate } from './command-users.js';
import { failed, succeeded, type CommandOutcome } from './commands.js';
import type { Template } from './users.js';

/** BIODATA Type of a fingerprint; 0 is "general", 2–10 faces, voice, iris, retina, palms and veins. */
export const BIO_TYPE_FINGERPRINT = 1;

/** The algorithm this clock's fingers are taken with (what INFO and BIODATA's MajorVer/MinorVer say). */
export const FINGER_ALGORITHM = { major: 10, minor: 0 } as const;

/** A BIODATA record's fields: `Pin=…⇥No=…⇥Index=…⇥Valid=…⇥Duress=…⇥Type=…⇥MajorVer=…⇥MinorVer=…⇥Format=…⇥Tmp=…`. */
export interface BioRecord {
  type: number;
  /** For a fingerprint, No is the finger (0–9) and lands in `template.fid`. */
  template: Template;
  /** Which sample of that finger; this clock keeps one per finger. */
  index: number;
  duress: boolean;
  /** Undefined when the server left MajorVer out or empty. */
  majorVersion?: number;
  /** 0 ZK, 1 ISO, 2 ANSI for fingerprints. */
  format: number;
}

/** Reads a BIODATA record; Tmp is kept as sent, even empty (judging it is the apply step's). */
export function readBiodataFields(at: FieldReader): BioRecord {
  const pin = at.pin();
  const type = at.integer('Type', 0, 255);
  const valid = at.integer('Valid', 0, 1, 1) === 1;
  const record: BioRecord = {
    type,
    // No is a finger only for fingerprints: other types keep it in range for the table, and are refused anyway.
    template: { pin, fid: type === BIO_TYPE_FINGERPRINT ? at.integer('No', 0, 9) : 0, valid, template: at.text('Tmp') },
    index: at.integer('Index', 0, 255, 0),
    duress: at.flag('Duress'),
    format: at.integer('Format', 0, 255, 0),
  };
  const major = at.optionalInteger('MajorVer', 0, 255);
  return major === undefined ? record : { ...record, majorVersion: major };
}

/**
 * DATA UPDATE BIODATA. Other Types are -1002 (this clock has no such reader); a finger taken with another
 * algorithm version is -30 and one in ISO/ANSI format -1002, as a ZKFinger 10 clock cannot match it; a
 * second sample (Index > 0) is -1, since the clock keeps one template per finger. Duress is accepted and
 * the finger kept as a normal one, as FINGERTMP's Valid=3: the clock has no duress alarm.
 */
export function updateBiodata(record: BioRecord, ctx: CommandContext): CommandOutcome {
  if (record.type !== BIO_TYPE_FINGERPRINT) return failed('notSupported');
  if (record.majorVersion !== undefined && record.majorVersion !== FINGER_ALGORITHM.major) {
    return failed('algorithmMismatch');
  }
  if (record.format !== 0) return failed('notSupported');
  if (record.index !== 0) return failed('parameterError');
  return updateTemplate(record.template, undefined, ctx);
}

/** DATA DELETE BIODATA Pin=…[⇥Type=…[⇥No=…]]: without Type, every template of the user. */
export function deleteBiodata(pin: string, type: number | undefined, no: number | undefined, ctx: CommandContext) {
  if (type !== undefined && type !== BIO_TYPE_FINGERPRINT) return failed('notSupported');
  return deleteTemplate(pin, no, ctx);
}

/** CLEAR BIODATA: every template; a clock without a fingerprint reader holds none, which is done already. */
export function clearBiodata(ctx: CommandContext): CommandOutcome {
  const { templates } = ctx.ports;
  if (templates.count() === 0) return succeeded();
  templates.clear();
  return succeeded({ kind: 'users-changed' });
}

/**
 * DATA QUERY BIODATA Type=…[⇥Pin=…[⇥No=…]]: the templates go up as a BIODATA upload, as query answers
 * do; a Pin the clock has neither a user nor a template of is -10, as DATA QUERY USERINFO's.
 */
export function queryBiodata(
  type: number,
  pin: string | undefined,
  no: number | undefined,
  ctx: CommandContext,
): CommandOutcome {
  if (type !== BIO_TYPE_FINGERPRINT) return failed('notSupported');
  const { users, templates } = ctx.ports;
  let found: Template[];
  if (pin === undefined) {
    found = users.search('', 0, users.count()).flatMap((user) => templates.listFor(user.pin));
  } else {
    found = templates.listFor(pin);
    if (found.length === 0 && users.findByPin(pin) === undefined) return failed('pinNotOnDevice');
  }
  if (no !== undefined) found = found.filter((t) => t.fid === no);
  return succeeded({ kind: 'upload-biodata', templates: found });
}
