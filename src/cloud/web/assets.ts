// The portal's stylesheet and script, served from memory so that a bundle or a packed tarball needs no
// asset files beside it. Each section brings its own part.
import { CLOCK_CSS, LIVE_JS } from './assets-clocks.js';
import { EMPLOYEE_CSS, EMPLOYEE_JS } from './assets-employees.js';
import { NARROW_CSS } from './assets-narrow.js';
import { TIMESHEET_CSS } from './assets-timesheets.js';

const BASE_CSS = `
:root { --orange: #e8730c; --ink: #1d232a; --muted: #5b6570; --line: #d7dce1; --ok: #1d7a3a; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--ink); background: #f5f6f8; }
.bar { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.2rem; background: var(--ink); color: #fff; }
.bar a { color: #fff; text-decoration: none; }
.bar a[aria-current="page"] { border-bottom: 2px solid var(--orange); }
.bar nav { display: flex; gap: 1rem; flex: 1; }
.brand { font-weight: 700; }
.who { display: flex; gap: .6rem; align-items: center; margin-left: auto; }
main { padding: 1.2rem; max-width: 1200px; margin: 0 auto; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid var(--orange); outline-offset: 2px; }
button, .button { font: inherit; padding: .35rem .8rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; color: var(--ink); cursor: pointer; text-decoration: none; display: inline-block; }
button.primary, .button.primary { background: var(--orange); border-color: var(--orange); color: #fff; }
input, select { font: inherit; padding: .3rem .45rem; border: 1px solid var(--line); border-radius: 4px; }
label { font-weight: 600; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
.flash { padding: .5rem .8rem; border-radius: 4px; }
.flash.ok { background: #e6f4ea; color: var(--ok); }
.flash.error { background: #fce8e6; color: var(--bad); }
.field-error { color: var(--bad); margin: .2rem 0 .6rem; }
.signin { max-width: 22rem; margin: 3rem auto; background: #fff; padding: 1.5rem; border-radius: 6px; }
.signin form { display: grid; gap: .4rem; }
`;

// The narrow windows' rules come last: they override the sections' own.
export const PORTAL_CSS = BASE_CSS + EMPLOYEE_CSS + CLOCK_CSS + TIMESHEET_CSS + NARROW_CSS;

/** Progressive enhancement only: every form works without it. */
export const PORTAL_JS = `'use strict';\n${EMPLOYEE_JS}\n${LIVE_JS}\n`;
