// The clocks, punches, account and live-update part of the stylesheet and script.
export const CLOCK_CSS = `
.online-yes { color: var(--ok); font-weight: 600; } .online-no { color: var(--bad); font-weight: 600; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.note { color: var(--muted); max-width: 60rem; }
.muted { color: var(--muted); }
.number { text-align: right; font-variant-numeric: tabular-nums; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .6rem 1.2rem; background: #fff; padding: 1rem; border-radius: 6px; }
.facts dt { color: var(--muted); font-size: .85rem; }
.facts dd { margin: 0; font-weight: 600; }
.actions { display: flex; flex-wrap: wrap; gap: .6rem; }
.life { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem .5rem; font-size: .9rem; }
.life li + li::before { content: "→ "; color: var(--muted); }
.outcome.failed { color: var(--bad); font-weight: 600; } .outcome.done { color: var(--ok); }
.command-line summary { color: var(--muted); font-size: .85rem; cursor: pointer; }
.command-line code { display: block; overflow-wrap: anywhere; white-space: pre-wrap; }
code { font-size: .85rem; word-break: break-all; }
.filters { display: flex; flex-wrap: wrap; gap: .8rem; align-items: end; background: #fff; padding: 1rem; border-radius: 6px; }
.filters div { display: grid; gap: .2rem; }
.paging { display: flex; gap: 1rem; margin: .8rem 0; }
form.inline { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; margin: .8rem 0; }
.issued { background: #fff4e5; border: 1px solid var(--orange); padding: .8rem 1rem; border-radius: 6px; }
.token { font-family: ui-monospace, monospace; max-width: 100%; }
`;

/**
 * Live regions. An element marked `data-live="<name>"` (a name unique on its page) is replaced by the
 * element of the same name in a fresh copy of the page whenever the cloud reports a fact it follows:
 * - `data-live-on="clock command punch"`: the kinds of fact it follows (all of them when absent);
 * - `data-live-sn="<serial number>"`: only facts about that clock (any clock when absent).
 * The facts come from GET /events (live.ts); the page is fetched again with the same URL, so a region
 * shows exactly what a reload would. A region holding the focus is left alone until the next fact, so a
 * keyboard user's place is not lost.
 */
export const LIVE_JS = `
(function () {
  if (typeof EventSource === 'undefined' || !document.querySelector('[data-live]')) return;
  var busy = false;
  var again = false;
  function words(el, name) {
    var value = el.getAttribute(name);
    return value === null ? null : value.split(/\\s+/).filter(Boolean);
  }
  function follows(el, batch) {
    var kinds = words(el, 'data-live-on');
    var sns = words(el, 'data-live-sn');
    var kindOk = kinds === null || batch.kinds.some(function (k) { return kinds.indexOf(k) >= 0; });
    var snOk = sns === null || batch.sns.some(function (s) { return sns.indexOf(s) >= 0; });
    return kindOk && snOk;
  }
  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, 'text/html');
    document.querySelectorAll('[data-live]').forEach(function (el) {
      var next = fresh.querySelector('[data-live="' + CSS.escape(el.getAttribute('data-live')) + '"]');
      if (next && !el.contains(document.activeElement)) el.replaceWith(document.importNode(next, true));
    });
  }
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (res) { return res.ok && !res.redirected ? res.text() : null; })
      .then(function (html) { if (html !== null) swap(html); })
      .catch(function () { /* the next fact tries again */ })
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }
  var source = new EventSource('/events');
  source.addEventListener('facts', function (event) {
    var batch = JSON.parse(event.data);
    var regions = document.querySelectorAll('[data-live]');
    for (var i = 0; i < regions.length; i++) if (follows(regions[i], batch)) return refresh();
  });
})();
`;
