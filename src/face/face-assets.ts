// The face page's stylesheet and script, served from memory like the portal's. The script draws each
// frame the server streams with the same structure as the page's first render (textContent only, so a
// name on the screen is never markup), sends presses with the page's CSRF token, and plays the beeper.

export const FACE_CSS = `
:root { --orange: #e8730c; --ink: #1d232a; --muted: #5b6570; --line: #d7dce1; --case: #2b3138; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--ink); background: #f5f6f8; }
.bar { display: flex; gap: 1.2rem; align-items: center; padding: .6rem 1.2rem; background: var(--ink); color: #fff; flex-wrap: wrap; }
.bar a { color: #fff; text-decoration: none; }
.brand { font-weight: 700; }
.who { margin-left: auto; }
main { display: flex; flex-wrap: wrap; gap: 1.5rem; padding: 1.2rem; max-width: 1200px; margin: 0 auto; align-items: flex-start; }
.note { flex-basis: 100%; margin: 0; padding: .5rem .8rem; background: #fff4e5; border-radius: 4px; }
.device { background: var(--case); color: #fff; padding: 1rem; border-radius: 14px; max-width: 100%; }
.screen { font: 16px/1.35 ui-monospace, 'DejaVu Sans Mono', monospace; background: #0f2a3a; color: #d8f1ff;
  padding: .5rem .6rem; border-radius: 6px; white-space: pre; overflow-x: auto; min-height: 8rem; }
.row { min-height: 1.35em; }
.status { border-bottom: 1px solid #2f5670; }
.menu-icon { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
.icon.x .mark, .icon.red-dot .mark { color: #ff6b5e; font-weight: 700; }
.lights { display: flex; gap: .8rem; align-items: center; margin: .6rem 0; }
.led::before { content: '○ '; }
.led.lit.green::before { content: '● '; color: #3ddc6a; }
.led.lit.red::before { content: '● '; color: #ff5b4e; }
.beeper { opacity: .35; }
.beeper.sounding { opacity: 1; color: #ffd23e; }
#mute { margin-left: auto; font-size: .85rem; }
.keypad { display: grid; gap: .4rem; }
.keys { display: flex; gap: .4rem; }
.key { flex: 1; min-width: 3rem; padding: .55rem 0; font: 600 1rem system-ui, sans-serif; border: 0; border-radius: 6px;
  background: #e9edf1; color: var(--ink); cursor: pointer; }
.key.pressed { background: var(--orange); color: #fff; }
button:disabled { cursor: not-allowed; opacity: .55; }
.back { margin-top: .8rem; }
.back summary { cursor: pointer; }
.back dl { display: grid; grid-template-columns: auto 1fr; gap: .1rem .8rem; background: #f4f1e8; color: var(--ink); padding: .6rem; border-radius: 4px; }
.back dt { font-weight: 600; }
.back .serial { font-weight: 700; }
.hands { flex: 1 1 16rem; min-width: 0; background: #fff; padding: 1rem; border-radius: 6px; }
.hands h2 { margin-top: 0; }
fieldset { min-width: 0; border: 1px solid var(--line); border-radius: 4px; margin: 0 0 .8rem; display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
button { font: inherit; padding: .35rem .8rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; color: var(--ink); cursor: pointer; }
select { font: inherit; padding: .3rem .45rem; border: 1px solid var(--line); border-radius: 4px; max-width: 100%; }
label { font-weight: 600; }
a:focus-visible, button:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid var(--orange); outline-offset: 2px; }
@media (max-width: 600px) { main { padding: .6rem; } .device { width: 100%; } .screen { font-size: 13px; } }
`;

export const FACE_JS = `'use strict';
(() => {
  const body = document.body;
  const csrf = body.dataset.csrf;
  const canPress = body.dataset.canPress === 'true';
  const screen = document.getElementById('screen');
  const said = document.getElementById('said');
  const beeper = document.getElementById('beeper');
  const mute = document.getElementById('mute');
  const networkButton = document.querySelector('[data-hand="network"]');
  const cloudButton = document.querySelector('[data-hand="cloud"]');
  let last;
  let audio;
  let frames = 0;
  let beeps = 0;

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const icon = (part, name) => {
    const span = el('span', 'icon ' + part.state, part.glyph);
    span.dataset.icon = name;
    span.append(el('span', 'mark', part.mark));
    return span;
  };
  const fresh = (previous, next) =>
    next.beep !== 'none' && (!previous || previous.beep === 'none' || previous.lines.join('\\n') !== next.lines.join('\\n'));

  function sound(kind) {
    beeps += 1;
    body.dataset.beeps = String(beeps);
    beeper.classList.add('sounding');
    setTimeout(() => beeper.classList.remove('sounding'), 300);
    if (mute.getAttribute('aria-pressed') === 'true') return;
    try {
      audio = audio || new AudioContext();
      // One short high tone for a good result, two low ones for an error, as the clock's beeper does.
      const starts = kind === 'ok' ? [0] : [0, 0.2];
      for (const at of starts) {
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = kind === 'ok' ? 2400 : 700;
        gain.gain.value = 0.08;
        tone.connect(gain).connect(audio.destination);
        tone.start(audio.currentTime + at);
        tone.stop(audio.currentTime + at + 0.12);
      }
    } catch {
      // A browser without WebAudio still shows the beeper's flash.
    }
  }

  function draw(view) {
    const s = view.status;
    const bar = el('div', 'row status');
    if (view.menuIcon) {
      const menu = el('button', 'menu-icon', s.menu);
      menu.type = 'button';
      menu.dataset.key = 'MENU';
      menu.disabled = !canPress;
      menu.setAttribute('aria-label', 'Menu icon on the screen');
      bar.append(menu);
    } else bar.append(el('span', '', s.menu));
    bar.append(el('span', 'title', s.title), el('span', '', ' '.repeat(s.gap)), icon(s.network, 'network'), ' ', icon(s.cloud, 'cloud'));
    screen.replaceChildren(bar, ...view.lines.map((line) => el('div', 'row', line)));
    document.getElementById('led-green').classList.toggle('lit', view.leds.green);
    document.getElementById('led-red').classList.toggle('lit', view.leds.red);
    if (fresh(last, view)) sound(view.beep);
    last = view;
    frames += 1;
    screen.dataset.frames = String(frames);
    document.dispatchEvent(new CustomEvent('face:frame', { detail: view }));
  }

  function showLines(state) {
    const unplugged = state.network === false;
    networkButton.setAttribute('aria-pressed', String(unplugged));
    networkButton.textContent = unplugged ? 'Plug the network in' : 'Unplug the network';
    if (state.cloud === null || state.cloud === undefined) return;
    cloudButton.setAttribute('aria-pressed', String(!state.cloud));
    cloudButton.textContent = state.cloud ? 'Cut the cloud' : 'Restore the cloud';
  }

  // One press at a time, in order: keys typed fast would otherwise race each other on separate connections.
  let queue = Promise.resolve();
  function press(what) {
    if (!canPress) return;
    queue = queue.then(() => send(what));
  }

  async function send(what) {
    try {
      const answer = await fetch('/clock/press', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'csrf-token': csrf },
        body: JSON.stringify(what),
      });
      const reply = await answer.json().catch(() => ({}));
      said.textContent = answer.ok ? '' : reply.error || 'refused (' + answer.status + ')';
      if (answer.ok) showLines(reply);
    } catch (error) {
      said.textContent = 'the clock did not answer: ' + error.message;
    }
  }

  function pressKey(key) {
    const button = document.querySelector('.keypad [data-key="' + key + '"]');
    if (!button && key !== 'MENU') return;
    if (button) {
      button.classList.add('pressed');
      setTimeout(() => button.classList.remove('pressed'), 120);
    }
    press({ kind: 'key', key });
  }

  document.addEventListener('click', (event) => {
    const target = event.target.closest('button');
    if (!target || target.disabled) return;
    if (target.dataset.key) return pressKey(target.dataset.key);
    const hand = target.dataset.hand;
    if (hand === 'finger' || hand === 'poor') {
      const person = document.getElementById('finger-person').value;
      const fid = document.getElementById('finger-which').value;
      press({ kind: 'finger', finger: person + '/' + fid, quality: hand === 'poor' ? 'poor' : 'good' });
    } else if (hand === 'card') press({ kind: 'card', card: document.getElementById('card').value });
    else if (hand === 'network' || hand === 'cloud') press({ kind: hand, up: target.getAttribute('aria-pressed') === 'true' });
  });
  const person = document.getElementById('finger-person');
  if (person) person.addEventListener('change', () => {
    const fid = person.selectedOptions[0] && person.selectedOptions[0].dataset.fid;
    if (fid !== undefined) document.getElementById('finger-which').value = fid;
  });
  mute.addEventListener('click', () => {
    const muted = mute.getAttribute('aria-pressed') !== 'true';
    mute.setAttribute('aria-pressed', String(muted));
    mute.textContent = muted ? 'Unmute the beeper' : 'Mute the beeper';
  });

  const KEYS = { Enter: 'OK', Escape: 'ESC', Backspace: 'BACK', F1: 'F1', F2: 'F2', F3: 'F3', F4: 'F4', ArrowUp: 'UP', ArrowDown: 'DOWN', m: 'MENU' };
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const at = event.target;
    // A focused control keeps its own keys: Enter and Space press the focused button, a list takes arrows.
    if (at.closest && at.closest('select, input, textarea, summary')) return;
    if (at.closest && at.closest('button') && (event.key === 'Enter' || event.key === ' ')) return;
    const key = /^[0-9]$/.test(event.key) ? event.key : KEYS[event.key];
    if (!key) return;
    event.preventDefault();
    pressKey(key);
  });

  const frames$ = new EventSource('/clock/frames');
  frames$.addEventListener('frame', (event) => {
    const message = JSON.parse(event.data);
    draw(message.view);
    showLines(message);
  });
})();
`;
