// The upload bodies the link posts, from the store: fingers enrolled at the clock as BIODATA for a server
// that asked for them so, and the ATTLOG cursor moved over the punches a DATA QUERY answer brought up.
import { describe, expect, it } from 'vitest';
import { simulatedTemplate } from '../../firmware/fingers.js';
import { newUser } from '../../firmware/users.js';
import { createMemoryPorts } from '../../src/store/memory.js';
import { moveOverAnswered, nextOperlogBatch } from '../../src/sync/uploads.js';
import type { TransferFlags } from '../../src/sync/link-options.js';

const T = '\t';
const FLAGS: TransferFlags = { attendance: true, operations: true, fingerprints: true, users: true, biodata: false };

/** Ana enrolled at the clock with her right index finger: OPLOG 30 (new user) and 6 (finger enrolled). */
function enrolled() {
  const ports = createMemoryPorts();
  const template = { pin: '1001', fid: 6, valid: true, template: simulatedTemplate({ person: '1001', fid: 6 }) };
  ports.users.put(newUser('1001', { name: 'Ana Lopez' }));
  ports.templates.put(template);
  ports.operations.append({ op: 30, admin: '0', time: 0, values: ['1001', 0, 0] });
  ports.operations.append({ op: 6, admin: '0', time: 0, values: ['1001', 6, 0] });
  return { ports, template };
}

describe('fingers enrolled at the clock', () => {
  it('go up as FP lines in OPERLOG to a server that did not ask for BIODATA', () => {
    const { ports } = enrolled();
    const batch = nextOperlogBatch(ports, FLAGS)!;
    expect(batch.body).toMatch(/^FP PIN=1001\tFID=6\t/m);
    expect(batch.biodata).toBeUndefined();
  });

  it('go up as table=BIODATA (Type 1, ZKFinger 10) to a server whose MultiBioDataSupport names fingers', () => {
    const { ports, template } = enrolled();
    const batch = nextOperlogBatch(ports, { ...FLAGS, biodata: true })!;

    expect(batch.body).not.toMatch(/^FP /m);
    expect(batch.body).toMatch(/^USER PIN=1001\t/m);
    expect(batch.lastSeq).toBe(2);
    expect(batch.biodata).toEqual({
      table: 'BIODATA',
      lines: 1,
      body: `BIODATA Pin=1001${T}No=6${T}Index=0${T}Valid=1${T}Duress=0${T}Type=1${T}MajorVer=10${T}MinorVer=0${T}Format=0${T}Tmp=${template.template}\n`,
    });
  });
});

describe('the ATTLOG cursor after a DATA QUERY answer', () => {
  function withPunches(count: number) {
    const ports = createMemoryPorts();
    for (let i = 0; i < count; i++) {
      ports.punches.append({ pin: '1001', time: i * 60_000, state: 0, verify: 0, workCode: 0 });
    }
    return ports;
  }

  it('moves over the answered punches that are the next beyond it', () => {
    const ports = withPunches(5);
    expect(moveOverAnswered(ports, new Set(), [1, 2, 3])).toBe(3);
    // Only said: the cursor is the firmware's to write, told as upload.acknowledged.
    expect(ports.cursors.get('ATTLOG')).toBe(0);
  });

  it('stays before a punch no query covered, and moves once the gap is answered too', () => {
    const ports = withPunches(5);
    const answered = new Set<number>();

    expect(moveOverAnswered(ports, answered, [2, 3])).toBeUndefined();
    expect(ports.cursors.get('ATTLOG')).toBe(0);
    expect(moveOverAnswered(ports, answered, [1])).toBe(3);
    expect(answered.size).toBe(0);
  });

  it('ignores punches already beyond reach: those the cursor passed before', () => {
    const ports = withPunches(5);
    ports.cursors.set('ATTLOG', 4);
    const answered = new Set<number>();
    expect(moveOverAnswered(ports, answered, [1, 2])).toBeUndefined();
    expect(answered.size).toBe(0);
  });
});
