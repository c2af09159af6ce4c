// `rdm6300`: a 125 kHz EM4100 reader on a serial line. Each frame with a good checksum is a card tap;
// the frames a reader repeats while the card is held are one tap.
import { Em4100Decoder, RepeatFilter } from './em4100.js';
import { intOption, opt } from './options.js';
import { safely, type Driver } from './types.js';

export const rdm6300Driver: Driver = {
  kind: 'rdm6300',
  describe: 'EM4100 125 kHz card reader (RDM6300 and clones): frames become card taps',
  defaultBaud: 9600,
  options: {
    repeat: intOption('ms within which the same card again is the card still held (default 220)', 220, 0, 60_000),
  },
  create({ clock, spec, log, timers }) {
    return {
      api: {},
      connect(link) {
        const decoder = new Em4100Decoder((p) => log.debug({ offset: p.offset, port: link.label }, p.message));
        const repeats = new RepeatFilter(opt(spec.options, 'repeat'));
        return {
          data(bytes) {
            for (const read of decoder.push(bytes)) {
              if (!repeats.accept(read.card, timers.now())) {
                log.debug({ card: read.card }, 'card still held');
                continue;
              }
              log.info({ card: read.card, version: read.version }, 'card read');
              safely(log, 'card tap', () => clock.tapCard(read.card));
            }
          },
          close() {},
        };
      },
    };
  },
};
