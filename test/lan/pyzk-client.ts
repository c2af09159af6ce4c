// pyzk's calls rebuilt packet by packet over a real TCP socket (pyzk cannot be installed here): its
// packets as zk/base.py builds them (reply id from 65534, then the answer's own plus one) and its
// answers parsed as base.py parses them — struct formats named beside each.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { CMD, FCT, REPLY, encodePacket, tcpFrame } from '../../src/lan/index.js';

export interface Answer {
  command: number;
  payload: Buffer;
}

/** pyzk's `User` as get_users decodes a 72-byte record (`<HB8s24sIx7sx24s`). */
export interface PyzkUser {
  uid: number;
  privilege: number;
  password: string;
  name: string;
  card: number;
  groupId: string;
  userId: string;
}

/** pyzk's `Finger`: get_templates (`HHbb` then the template) or get_user_template. */
export interface PyzkFinger {
  uid: number;
  fid: number;
  valid: number;
  template: Buffer;
}

const text = (bytes: Buffer) => bytes.subarray(0, bytes.indexOf(0) === -1 ? bytes.length : bytes.indexOf(0)).toString();

/** `split(b'=', 1)[-1].split(b'\x00')[0]`: the value of an OPTIONS_RRQ answer. */
export const optionText = (payload: Buffer) => text(payload.subarray(payload.indexOf('=') + 1));

export class PyzkClient {
  private readonly received: Buffer[] = [];
  private wake = () => {};
  private session = 0;
  private reply = 65534;
  /** Every request sent, in order, by command: what the test says was replayed. */
  readonly sent: number[] = [];

  private pending = Buffer.alloc(0);
  private closed = false;

  private constructor(
    private readonly write: (packet: Buffer) => void,
    readonly close: () => void,
  ) {}

  /** Over TCP (`zk.connect()` finds the port open) or UDP (`force_udp=True`): one datagram per packet. */
  static async open(port: number, transport: 'tcp' | 'udp' = 'tcp'): Promise<PyzkClient> {
    if (transport === 'udp') {
      const udp = createSocket('udp4');
      const client = new PyzkClient(
        (packet) => udp.send(packet, port, '127.0.0.1'),
        () => udp.close(),
      );
      client.chunk = 16 * 1024;
      udp.on('message', (packet: Buffer) => client.arrived([packet]));
      return client;
    }
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const client = new PyzkClient(
      (packet) => socket.write(tcpFrame(packet)),
      () => socket.destroy(),
    );
    socket.on('data', (chunk: Buffer) => client.arrived(client.frames(chunk)));
    socket.on('close', () => {
      client.closed = true;
      client.wake();
    });
    return client;
  }

  // pyzk takes frames of any length the clock announces (a whole table is one DATA): the project's
  // request decoder stops at 64 KiB, so frames are cut here.
  private frames(chunk: Buffer): Buffer[] {
    this.pending = Buffer.concat([this.pending, chunk]);
    const packets: Buffer[] = [];
    while (this.pending.length >= 8 && this.pending.length >= 8 + this.pending.readUInt32LE(4)) {
      const end = 8 + this.pending.readUInt32LE(4);
      packets.push(this.pending.subarray(8, end));
      this.pending = this.pending.subarray(end);
    }
    return packets;
  }

  private arrived(packets: Buffer[]): void {
    this.received.push(...packets);
    this.wake();
  }

  async nextPacket(): Promise<Buffer> {
    while (this.received.length === 0) {
      if (this.closed) throw new Error(`the clock closed the connection after command ${this.sent.at(-1)}`);
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return this.received.shift()!;
  }

  /** `__send_command`: the packet with the next reply id; pyzk then keeps the answer's reply id. */
  async send(command: number, payload: Buffer = Buffer.alloc(0)): Promise<Answer> {
    this.write(encodePacket(command, this.session, this.reply, payload));
    this.sent.push(command);
    const answer = await this.nextPacket();
    if (command === CMD.CONNECT) this.session = answer.readUInt16LE(4);
    this.reply = answer.readUInt16LE(6);
    return { command: answer.readUInt16LE(0), payload: answer.subarray(8) };
  }

  /** `__send_command(CMD_OPTIONS_RRQ, key)`: the value, or undefined where pyzk's status is false. */
  async option(key: string): Promise<string | undefined> {
    const answer = await this.send(CMD.OPTIONS_RRQ, Buffer.from(key, 'latin1'));
    return answer.command === REPLY.OK ? optionText(answer.payload) : undefined;
  }

  /** read_sizes: `20i` then `3i` for faces. */
  async readSizes(): Promise<{ users: number; fingers: number; records: number; fingersCap: number }> {
    const { payload } = await this.send(CMD.GET_FREE_SIZES);
    const at = (i: number) => payload.readInt32LE(i * 4);
    return { users: at(4), fingers: at(6), records: at(8), fingersCap: at(14) };
  }

  /** read_with_buffer's MAX_CHUNK: 0xFFC0 over TCP, 16 KiB over UDP. */
  private chunk = 0xffc0;

  /** read_with_buffer: DATA_WRRQ `<bhii`; a DATA answer is the table, else DATA_RDY chunks and FREE_DATA. */
  async readWithBuffer(command: number, fct = 0): Promise<Buffer> {
    const ask = Buffer.alloc(11);
    ask.writeInt8(1, 0);
    ask.writeInt16LE(command, 1);
    ask.writeInt32LE(fct, 3);
    const first = await this.send(CMD.DATA_WRRQ, ask);
    if (first.command === CMD.DATA) return first.payload;
    if (first.command !== REPLY.OK) throw new Error(`RWB Not supported (${first.command})`);
    const size = first.payload.readUInt32LE(1);
    const parts: Buffer[] = [];
    for (let start = 0; start < size; start += this.chunk) {
      const range = Buffer.alloc(8);
      range.writeInt32LE(start, 0);
      range.writeInt32LE(Math.min(this.chunk, size - start), 4);
      const prepare = await this.send(CMD.DATA_RDY, range);
      if (prepare.command !== CMD.PREPARE_DATA) throw new Error(`can't read chunk ${start}`);
      // DATA (one over TCP, 1,024-byte datagrams over UDP) until ACK_OK, as __recieve_chunk reads them.
      for (
        let packet = await this.nextPacket();
        packet.readUInt16LE(0) !== REPLY.OK;
        packet = await this.nextPacket()
      ) {
        if (packet.readUInt16LE(0) !== CMD.DATA) throw new Error(`broken chunk at ${start}`);
        parts.push(packet.subarray(8));
      }
    }
    await this.send(CMD.FREE_DATA);
    return Buffer.concat(parts);
  }

  /** get_users: read_sizes, then the user table; the record size is `total_size / users`, as pyzk finds it. */
  async getUsers(): Promise<PyzkUser[]> {
    const { users: count } = await this.readSizes();
    if (count === 0) return [];
    const data = await this.readWithBuffer(CMD.USERTEMP_RRQ, FCT.USER);
    const total = data.readUInt32LE(0);
    if (total / count !== 72) throw new Error(`user packet size ${total / count}, this client reads 72`);
    const users: PyzkUser[] = [];
    for (let at = 4; at + 72 <= data.length; at += 72) {
      const r = data.subarray(at, at + 72);
      const [password, name, groupId, userId] = [
        r.subarray(3, 11),
        r.subarray(11, 35),
        r.subarray(40, 47),
        r.subarray(48),
      ];
      users.push({
        uid: r.readUInt16LE(0),
        privilege: r[2]!,
        password: text(password),
        name: text(name).trim(),
        card: r.readUInt32LE(35),
        groupId: text(groupId).trim(),
        userId: text(userId),
      });
    }
    return users;
  }

  /** get_templates: read_sizes, then `i total`, records `HHbb` + template while total lasts. */
  async getTemplates(): Promise<PyzkFinger[]> {
    if ((await this.readSizes()).fingers === 0) return [];
    const data = await this.readWithBuffer(CMD.DB_RRQ, FCT.FINGERTMP);
    let total = data.readInt32LE(0);
    let rest = data.subarray(4);
    const fingers: PyzkFinger[] = [];
    while (total > 0) {
      const size = rest.readUInt16LE(0);
      fingers.push({
        uid: rest.readUInt16LE(2),
        fid: rest.readInt8(4),
        valid: rest.readInt8(5),
        template: rest.subarray(6, size),
      });
      rest = rest.subarray(size);
      total -= size;
    }
    return fingers;
  }

  /** get_user_template: 88 `hb`, up to three tries; the last byte and a trailing six zeros are stripped. */
  async getUserTemplate(uid: number, fid: number): Promise<PyzkFinger | undefined> {
    for (let tries = 0; tries < 3; tries++) {
      const which = Buffer.alloc(3);
      which.writeInt16LE(uid, 0);
      which.writeInt8(fid, 2);
      const answer = await this.send(CMD.GET_USERTEMP, which);
      if (answer.command !== CMD.DATA) continue;
      let template = answer.payload.subarray(0, -1);
      if (template.subarray(-6).equals(Buffer.alloc(6))) template = template.subarray(0, -6);
      return { uid, fid, valid: 1, template };
    }
    return undefined;
  }

  /** save_user_template: HR_save_usertemplates of one user. */
  saveUserTemplate(user: PyzkUser, fingers: PyzkFinger[]): Promise<Answer[]> {
    return this.saveUserTemplates([{ user, fingers }]);
  }

  /** HR_save_usertemplates: `III` head, each `repack73`, the table `<bHbI`, `repack_only`; then 110 and REFRESHDATA. */
  async saveUserTemplates(entries: { user: PyzkUser; fingers: PyzkFinger[] }[]): Promise<Answer[]> {
    const upack = entries.map(({ user }) => repack73(user));
    const table: Buffer[] = [];
    const fpack: Buffer[] = [];
    let start = 0;
    for (const { user, fingers } of entries) {
      for (const finger of fingers) {
        const entry = Buffer.alloc(8);
        entry.writeInt8(2, 0);
        entry.writeUInt16LE(user.uid, 1);
        entry.writeInt8(0x10 + finger.fid, 3);
        entry.writeUInt32LE(start, 4);
        table.push(entry);
        const size = Buffer.alloc(2);
        size.writeUInt16LE(finger.template.length, 0);
        fpack.push(size, finger.template);
        start += 2 + finger.template.length;
      }
    }
    const head = Buffer.alloc(12);
    [upack.length * 73, table.length * 8, start].forEach((n, i) => head.writeUInt32LE(n, i * 4));
    const buffer = Buffer.concat([head, ...upack, ...table, ...fpack]);
    return [...(await this.sendWithBuffer(buffer)), ...(await this.saveUserTemps())];
  }

  /** _send_with_buffer: FREE_DATA, PREPARE_DATA `I size`, DATA chunks of 1,024 bytes. */
  private async sendWithBuffer(buffer: Buffer): Promise<Answer[]> {
    const size = Buffer.alloc(4);
    size.writeUInt32LE(buffer.length, 0);
    const answers = [await this.send(CMD.FREE_DATA), await this.send(CMD.PREPARE_DATA, size)];
    for (let at = 0; at < buffer.length; at += 1024)
      answers.push(await this.send(CMD.DATA, buffer.subarray(at, at + 1024)));
    return answers;
  }

  /** Command 110 with `<IHH` 12, 0, 8, then refresh_data. */
  private async saveUserTemps(): Promise<Answer[]> {
    const args = Buffer.alloc(8);
    args.writeUInt32LE(12, 0);
    args.writeUInt16LE(0, 4);
    args.writeUInt16LE(8, 6);
    return [await this.send(CMD.SAVE_USERTEMPS, args), await this.send(CMD.REFRESHDATA)];
  }
}

/** User.repack73: `<BHB8s24sIB7sx24s` with 2 first and 1 after the card. */
function repack73(user: PyzkUser): Buffer {
  const upack = Buffer.alloc(73);
  upack.writeInt8(2, 0);
  upack.writeUInt16LE(user.uid, 1);
  upack.writeUInt8(user.privilege, 3);
  upack.write(user.password, 4, 8);
  upack.write(user.name, 12, 24);
  upack.writeUInt32LE(user.card, 36);
  upack.writeUInt8(1, 40);
  upack.write(user.groupId, 41, 7);
  upack.write(user.userId, 49, 24);
  return upack;
}
