// The stylesheet's part for narrow windows, from a 360 px phone up: the bar wraps, forms and heads stack,
// and a wide table scrolls inside its own box so that the page itself never scrolls sideways.
export const NARROW_CSS = `
.bar { flex-wrap: wrap; row-gap: .4rem; }
.bar nav { flex-wrap: wrap; }
.page-head, .list-tools, .assigned, .enroll { flex-wrap: wrap; }
.clock-dialog { min-width: min(32rem, 100%); }
.token, input, select, textarea { max-width: 100%; }
textarea { width: 100%; font: .9rem ui-monospace, monospace; }
pre { overflow-x: auto; max-width: 100%; }
.table-scroll { overflow-x: auto; max-width: 100%; }
table.audit td.wrap { overflow-wrap: anywhere; min-width: 12rem; }
@media (max-width: 720px) {
  body { font-size: 16px; }
  .bar { padding: .5rem .8rem; gap: .4rem 1rem; }
  /* The sections take a row of their own under the brand and the sign-out button. */
  .bar nav { order: 3; flex-basis: 100%; gap: .2rem 1rem; }
  .bar nav a { padding: .3rem 0; }
  .who { gap: .4rem; font-size: .9rem; }
  main { padding: .8rem; }
  .page-head { flex-direction: column; align-items: stretch; }
  .page-head .actions { flex-wrap: wrap; }
  .search { flex-wrap: wrap; width: 100%; }
  .search input { width: 100%; flex: 1 1 12rem; }
  .radio { grid-template-columns: auto 1fr; }
  .radio .help { grid-column: 2; }
  .selection li { grid-template-columns: auto 1fr; }
  .filters { padding: .8rem; }
  .filters div, .filters input, .filters select { width: 100%; }
  /* A table wider than the phone scrolls inside its own box (display: block keeps its rows as a table). */
  table { display: block; overflow-x: auto; max-width: 100%; }
  th, td { padding: .35rem .45rem; }
  .card-box { padding: .8rem; }
  .signin { margin: 1rem auto; }
}
@media print {
  .bar, .no-print, form.inline, .filters { display: none; }
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  table { font-size: 11pt; }
}
`;
