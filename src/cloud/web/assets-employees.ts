// The employees section's part of the stylesheet and script (the clock selection dialog, unsaved changes).
export const EMPLOYEE_CSS = `
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.page-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; margin-bottom: .8rem; }
.page-head h1 { margin: 0 0 .2rem; }
.page-head .actions { display: flex; align-items: center; gap: .8rem; }
.page-foot { display: flex; justify-content: flex-end; margin: 1rem 0 2rem; }
.search { display: flex; align-items: center; gap: .4rem; }
.search input { width: 16rem; }
.list-tools { display: flex; justify-content: space-between; align-items: center; }
.pager { display: flex; gap: 1rem; justify-content: flex-end; margin: .8rem 0; }
.crumbs { margin: 0 0 .4rem; }
.employee-id { margin: 0; color: var(--muted); }
.unsaved { margin: 0; color: var(--orange); font-weight: 600; }
.card-box { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.2rem; margin-bottom: 1rem; }
.card-box h2 { margin-top: 0; }
.field { margin: 0 0 1rem; border: 0; padding: 0; }
.field > label, .field > legend, .field .label { display: block; font-weight: 600; margin-bottom: .2rem; }
.help { color: var(--muted); margin: 0 0 .3rem; font-size: .92em; }
.radio { display: grid; grid-template-columns: auto 9rem 1fr; gap: .5rem; align-items: baseline; padding: .15rem 0; }
.radio .help { margin: 0; }
input[aria-invalid="true"] { border-color: var(--bad); }
.assigned { display: flex; gap: 1rem; align-items: flex-start; }
.clock-list, .selection, .fingers { list-style: none; margin: 0; padding: 0; }
.clock-list li, .fingers li { padding: .15rem 0; display: flex; gap: .6rem; align-items: center; }
.sn { font-family: ui-monospace, monospace; }
.pencil { color: var(--orange); display: inline-flex; padding: .25rem; border-radius: 4px; border: 1px solid var(--orange); }
.pencil:hover { background: #fdf0e4; }
.confirm { border: 2px solid var(--orange); background: #fdf0e4; border-radius: 6px; padding: .6rem .9rem; margin: -.4rem 0 1rem; }
.selection li { display: grid; grid-template-columns: auto 1fr auto; gap: .6rem; align-items: center; padding: .3rem 0; border-bottom: 1px solid var(--line); }
.form-actions { display: flex; justify-content: flex-end; gap: .6rem; margin-top: 1rem; }
.enroll { display: flex; gap: 1rem; align-items: flex-end; margin-top: .8rem; }
.enroll .field { margin: 0; }
.clock-dialog { border: 1px solid var(--line); border-radius: 8px; padding: 1.2rem 1.4rem; min-width: 32rem; max-width: 90vw; }
.clock-dialog::backdrop { background: rgb(29 35 42 / 45%); }
.dialog-page { max-width: 40rem; }
`;

/**
 * Unsaved changes on a form marked `data-unsaved="<id of the marker>"`: the marker shows and leaving
 * asks first, until the form is submitted. A link marked `data-opens-dialog="<id>"` opens that <dialog>
 * instead of going to its page (the page stays the way without a script); focus goes into the dialog,
 * Escape or Cancel closes it and focus returns to the link.
 */
export const EMPLOYEE_JS = `
(() => {
  const form = document.querySelector('form[data-unsaved]');
  if (form) {
    const marker = document.getElementById(form.dataset.unsaved);
    let dirty = form.hasAttribute('data-dirty');
    const mark = () => {
      dirty = true;
      if (marker) marker.hidden = false;
    };
    form.addEventListener('input', mark);
    form.addEventListener('change', mark);
    form.addEventListener('submit', () => { dirty = false; });
    window.addEventListener('beforeunload', (event) => {
      if (!dirty) return;
      event.preventDefault();
      event.returnValue = '';
    });
  }
  for (const opener of document.querySelectorAll('a[data-opens-dialog]')) {
    const dialog = document.getElementById(opener.dataset.opensDialog);
    if (!(dialog instanceof HTMLDialogElement) || typeof dialog.showModal !== 'function') continue;
    opener.setAttribute('role', 'button');
    opener.setAttribute('aria-haspopup', 'dialog');
    // The dialog's form comes from the pencil's own page on first opening, so that a profile does not
    // carry a check box for every clock of a fleet.
    const load = async () => {
      if (dialog.querySelector('form')) return;
      const url = new URL(opener.href, location.href);
      url.searchParams.set('dialog', '1');
      const answer = await fetch(url, { credentials: 'same-origin' });
      if (!answer.ok) throw new Error('the clock selection did not load');
      dialog.innerHTML = await answer.text();
      for (const closer of dialog.querySelectorAll('[data-closes-dialog]')) {
        closer.addEventListener('click', () => dialog.close());
      }
    };
    const open = (event) => {
      event.preventDefault();
      load().then(() => dialog.showModal(), () => { location.href = opener.href; });
    };
    opener.addEventListener('click', open);
    opener.addEventListener('keydown', (event) => { if (event.key === ' ') open(event); });
    dialog.addEventListener('close', () => opener.focus());
  }
})();
`;
