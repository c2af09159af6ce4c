// A test rig in its own process: plays an RDM6300 reader on one end of a pty pair by writing EM4100
// frames, the way the card is held over the reader (the frame repeated `count` times, 20 ms apart).
// Usage: node --import tsx test/serial/rigs/rdm6300-rig.ts PATH TAG_HEX [COUNT]
import fs from 'node:fs';
import { encodeEm4100 } from '../../../src/serial/index.js';

const [path, tagHex = '', countText = '1'] = process.argv.slice(2);
if (path === undefined || !/^[0-9a-fA-F]{10}$/.test(tagHex)) {
  process.stderr.write('usage: rdm6300-rig PATH TAG_HEX(10 digits) [COUNT]\n');
  process.exit(2);
}
const tag = Buffer.from(tagHex, 'hex');
const frame = encodeEm4100(tag[0]!, tag.readUInt32BE(1));
const fd = fs.openSync(path, 'w');
let left = Number(countText);
const tick = () => {
  // Line noise first, as a reader being powered sends: the clock must resynchronise.
  fs.writeSync(fd, Buffer.concat([Buffer.from([0x00, 0x02, 0x41]), frame]));
  if (--left > 0) setTimeout(tick, 20);
  else {
    fs.closeSync(fd);
    process.stdout.write('done\n');
  }
};
tick();
