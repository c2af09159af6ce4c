// `wiegand`: a Wiegand-to-serial converter. Card bursts become card taps and key bursts keypad keys.
// Which number a card stands for is an option: all its data bits (an EM4100 tag's lower 24 or 32 bits,
// as the clock numbers cards), or only the card-number field without the facility code.
import { choiceOption, optText } from './options.js';
import { safely, type Driver } from './types.js';
import { WIEGAND_LINE_FORMATS, WiegandDecoder, type WiegandLineFormat } from './wiegand-codec.js';

export const wiegandDriver: Driver = {
  kind: 'wiegand',
  describe: 'Wiegand-to-serial converter: 26/34-bit cards become taps, 4/8-bit bursts keypad keys',
  defaultBaud: 9600,
  options: {
    format: choiceOption(
      'line format: bits (0/1 per bit) or hex (COUNT:HEX) (default bits)',
      'bits',
      WIEGAND_LINE_FORMATS,
    ),
    id: choiceOption('card number: data (all data bits) or number (card field only) (default data)', 'data', [
      'data',
      'number',
    ]),
  },
  create({ clock, spec, log }) {
    const format = optText(spec.options, 'format') as WiegandLineFormat;
    const useData = optText(spec.options, 'id') === 'data';
    return {
      api: {},
      connect(link) {
        const decoder = new WiegandDecoder(format, (p) => log.debug({ offset: p.offset, port: link.label }, p.message));
        return {
          data(bytes) {
            for (const event of decoder.push(bytes)) {
              if (event.type === 'key') {
                safely(log, `key ${event.key}`, () => clock.press(event.key));
                continue;
              }
              const card = String(useData ? event.data : event.number);
              log.info({ card, bits: event.bits, facility: event.facility }, 'card read');
              safely(log, 'card tap', () => clock.tapCard(card));
            }
          },
          close() {},
        };
      },
    };
  },
};
