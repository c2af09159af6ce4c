// The timesheets' part of the stylesheet: hours right-aligned, missing punches marked in words and
// colour (never colour alone), and a day's total set apart.
export const TIMESHEET_CSS = `
.timesheet th[scope="row"] { font-weight: 600; white-space: nowrap; }
.timesheet .total { font-weight: 700; }
.timesheet tbody + tbody { border-top: 2px solid var(--line); }
.timesheet .day-total td { color: var(--muted); }
.missing { color: var(--bad); font-weight: 600; display: block; font-size: .85rem; }
.rules ul { padding-left: 1.2rem; }
.employee-links { display: flex; flex-wrap: wrap; gap: .3rem 1rem; margin: .2rem 0 0; }
.consequences { max-width: 50rem; }
`;
