// BIODATA bodies (`POST cdata?table=BIODATA`, and the fields of `DATA UPDATE BIODATA`): the integrated
// template table of PUSH 2.4. A fingerprint is Type 1 with its finger in No; the clock's are ZKFinger 10.
import { BIO_TYPE_FINGERPRINT, FINGER_ALGORITHM, readBiodataFields, type BioRecord } from '../../firmware/index.js';
import { FieldReader } from '../../firmware/index.js';
import type { Template } from '../../firmware/index.js';
import { parseBodyLines, type RejectedLine } from './lines.js';

export interface ParsedBiodata {
  records: BioRecord[];
  /** The body's line number of each record, in the same order. */
  lineNumbers: number[];
  rejected: RejectedLine[];
}

/** What a BIODATA line says of a finger besides the template: by default, the clock's own kind of finger. */
export type BioAttributes = Omit<BioRecord, 'template'>;

const CLOCK_FINGER: BioAttributes = {
  type: BIO_TYPE_FINGERPRINT,
  index: 0,
  duress: false,
  majorVersion: FINGER_ALGORITHM.major,
  format: 0,
};

/** `Pin=…⇥No=…⇥Index=0⇥Valid=…⇥Duress=0⇥Type=1⇥MajorVer=10⇥MinorVer=0⇥Format=0⇥Tmp=…`; MajorVer left empty when undefined. */
export function formatBiodataFields(template: Template, bio: BioAttributes = CLOCK_FINGER): string {
  return [
    `Pin=${template.pin}`,
    `No=${template.fid}`,
    `Index=${bio.index}`,
    `Valid=${template.valid ? 1 : 0}`,
    `Duress=${bio.duress ? 1 : 0}`,
    `Type=${bio.type}`,
    `MajorVer=${bio.majorVersion ?? ''}`,
    `MinorVer=${bio.majorVersion === FINGER_ALGORITHM.major ? FINGER_ALGORITHM.minor : 0}`,
    `Format=${bio.format}`,
    `Tmp=${template.template}`,
  ].join('\t');
}

/** An upload body: one `BIODATA Pin=…` line per finger. */
export function formatBiodata(templates: readonly Template[]): string {
  return templates.map((t) => `BIODATA ${formatBiodataFields(t)}\n`).join('');
}

/**
 * Reads a BIODATA upload; never throws. The `BIODATA ` word before the fields is optional: some clocks send
 * the fields alone. A line without Tmp, or with a bad field, is rejected alone.
 */
export function parseBiodataBody(body: string): ParsedBiodata {
  return parseBodyLines(body, (line) => {
    const at = new FieldReader(line.replace(/^BIODATA[ \t]+/i, ''));
    const record = readBiodataFields(at);
    if (record.template.template === '') at.fail('Tmp', 'is missing');
    return at.problem === undefined ? record : `BIODATA ${at.problem}`;
  });
}
