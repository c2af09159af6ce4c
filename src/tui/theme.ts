// How the UI looks on the terminal it got: colours where the terminal has them (and NO_COLOR is unset),
// bold and inverse where it has none; Unicode glyphs in a UTF-8 locale, ASCII stand-ins elsewhere.

export interface Glyphs {
  menu: string;
  network: string;
  cloud: string;
  dot: string;
  x: string;
  ledOn: string;
  ledOff: string;
  beep: string;
  up: string;
  down: string;
  back: string;
}

export interface Theme {
  colors: boolean;
  unicode: boolean;
  glyphs: Glyphs;
  /** Blessed tags around a mark that means trouble (the X and the red dot). */
  alarm: (text: string) => string;
  /** Tags for a lit LED of each colour, and for a beeper flash. */
  lit: (text: string, color: 'green' | 'red') => string;
  dim: (text: string) => string;
  /** Styles of blessed elements. */
  styles: {
    frame: { border: { fg?: string }; fg?: string; bg?: string };
    screen: { border: { fg?: string }; fg?: string; bg?: string };
    key: { fg?: string; bg?: string; bold?: boolean; inverse?: boolean; border?: { fg?: string } };
    keyPressed: { fg?: string; bg?: string; bold?: boolean; inverse?: boolean };
    button: { fg?: string; bg?: string; bold?: boolean; inverse?: boolean; hover?: { bg?: string } };
    /** A button that cannot act now: plain text, with the reason in its label. */
    buttonDisabled: { fg?: string; bg?: string; bold?: boolean; inverse?: boolean; hover?: { bg?: string } };
    help: { fg?: string; bg?: string; inverse?: boolean };
    list: { selected: { fg?: string; bg?: string; inverse?: boolean; bold?: boolean } };
  };
}

const UNICODE: Glyphs = {
  menu: '≡',
  network: '⇄',
  cloud: '☁',
  dot: '•',
  x: 'x',
  ledOn: '●',
  ledOff: '○',
  beep: '♪',
  up: '▲',
  down: '▼',
  back: '⌫',
};

const ASCII: Glyphs = {
  menu: '=',
  network: 'N',
  cloud: 'C',
  dot: '*',
  x: 'x',
  ledOn: '(*)',
  ledOff: '( )',
  beep: '!',
  up: '^',
  down: 'v',
  back: '<-',
};

export function createTheme(colors: boolean, unicode: boolean): Theme {
  const glyphs = unicode ? UNICODE : ASCII;
  if (colors) {
    return {
      colors,
      unicode,
      glyphs,
      alarm: (t) => `{red-fg}{bold}${t}{/bold}{/red-fg}`,
      lit: (t, color) => `{${color}-fg}{bold}${t}{/bold}{/${color}-fg}`,
      // No grey: with 8 colours (the xterm entry) blessed maps it to black, invisible on a dark terminal.
      // An unlit LED says so by its hollow glyph in the terminal's own colour.
      dim: (t) => t,
      styles: {
        frame: { border: {} },
        screen: { border: { fg: 'cyan' }, fg: 'white', bg: 'black' },
        key: { fg: 'white', bg: 'blue', bold: true, border: { fg: 'blue' } },
        keyPressed: { fg: 'black', bg: 'yellow', bold: true },
        button: { fg: 'black', bg: 'cyan', hover: { bg: 'white' } },
        buttonDisabled: {},
        help: { fg: 'black', bg: 'white' },
        list: { selected: { fg: 'black', bg: 'cyan', bold: true } },
      },
    };
  }
  // Without colours every difference is said with bold, inverse or a different glyph.
  return {
    colors,
    unicode,
    glyphs,
    alarm: (t) => `{bold}${t}{/bold}`,
    lit: (t) => `{inverse}${t}{/inverse}`,
    dim: (t) => t,
    styles: {
      frame: { border: {} },
      screen: { border: {} },
      key: { bold: true, border: {} },
      keyPressed: { inverse: true },
      button: { inverse: true },
      buttonDisabled: {},
      help: { inverse: true },
      list: { selected: { inverse: true } },
    },
  };
}
