// The clocks, punches and live-update part of the stylesheet and script.
export const CLOCK_CSS = `
.online-yes { color: var(--ok); } .online-no { color: var(--bad); }
`;

export const LIVE_JS = ``;
