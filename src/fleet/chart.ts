// The report's chart as one self-contained SVG (no scripts, no fonts to fetch): punches per minute made
// and acknowledged above, punch-to-acknowledgement latency per minute (p50 and p99) below, on the clocks'
// time of day. A minute without acknowledgements has no latency: the lines break there, never joining
// the minutes on either side as if it had been measured.
import { formatPushTime } from '../protocol/index.js';
import { percentile } from './histogram.js';
import type { FleetReport } from './report.js';

const WIDTH = 860;
const PANEL = 180;
const LEFT = 64;
const RIGHT = 16;
const TOP = 40;
const GAP = 56;

export function chartSvg(report: FleetReport): string {
  const { made, acked, latency } = report.minutes;
  const minutes = Math.max(1, made.length, acked.length, latency.length);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (m: number) => LEFT + (m / minutes) * plotWidth;
  const start = Date.parse(`${report.run.start.replace(' ', 'T')}Z`);
  const p50 = latency.map((h) => (h.count ? percentile(h, 50) : Number.NaN));
  const p99 = latency.map((h) => (h.count ? percentile(h, 99) : Number.NaN));
  const punchMax = niceMax(Math.max(1, ...made, ...acked));
  const latencyMax = niceMax(Math.max(1, ...p99.filter((v) => !Number.isNaN(v))));
  const top1 = TOP;
  const top2 = TOP + PANEL + GAP;
  const y1 = (v: number) => top1 + PANEL - (v / punchMax) * PANEL;
  const y2 = (v: number) => top2 + PANEL - (v / latencyMax) * PANEL;
  const barWidth = Math.max(1, plotWidth / minutes - 1);
  const bars = made
    .map((n, m) =>
      n > 0 ? `<rect x="${f(x(m))}" y="${f(y1(n))}" width="${f(barWidth)}" height="${f(top1 + PANEL - y1(n))}"/>` : '',
    )
    .join('');
  const title = `${escape(report.run.profile)}: ${report.totals.clocks} clocks, ${report.totals.made} punches, ${report.totals.lost} lost`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${top2 + PANEL + 44}" viewBox="0 0 ${WIDTH} ${top2 + PANEL + 44}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${LEFT}" y="20" font-size="14" font-weight="bold">${title}</text>`,
    axes(top1, punchMax, 'punches per minute', x, minutes, start),
    `<g fill="#9ecae1">${bars}</g>`,
    polyline(acked, x, y1, '#08519c', barWidth / 2),
    legend(top1, [
      ['#9ecae1', 'made'],
      ['#08519c', 'acknowledged by the server'],
    ]),
    axes(top2, latencyMax, latencyLabel(report.run.speed), x, minutes, start),
    polyline(p50, x, y2, '#31a354', barWidth / 2),
    polyline(p99, x, y2, '#de2d26', barWidth / 2),
    legend(top2, [
      ['#31a354', 'p50'],
      ['#de2d26', 'p99'],
    ]),
    `</svg>`,
    '',
  ].join('\n');
}

function axes(
  top: number,
  max: number,
  label: string,
  x: (m: number) => number,
  minutes: number,
  start: number,
): string {
  const bottom = top + PANEL;
  const parts = [
    `<g stroke="#999" fill="none"><line x1="${LEFT}" y1="${top}" x2="${LEFT}" y2="${bottom}"/><line x1="${LEFT}" y1="${bottom}" x2="${WIDTH - RIGHT}" y2="${bottom}"/></g>`,
    `<text x="${LEFT}" y="${top - 8}">${escape(label)}</text>`,
  ];
  for (const v of [0, max / 2, max]) {
    const y = bottom - (v / max) * PANEL;
    parts.push(`<text x="${LEFT - 6}" y="${f(y + 4)}" text-anchor="end">${+v.toFixed(1)}</text>`);
  }
  const step = tickStep(minutes);
  for (let m = 0; m <= minutes; m += step) {
    const time = Number.isNaN(start) ? `+${m}m` : formatPushTime(start + m * 60_000).slice(11, 16);
    parts.push(`<text x="${f(x(m))}" y="${bottom + 14}" text-anchor="middle">${time}</text>`);
  }
  return parts.join('');
}

function latencyLabel(speed: number): string {
  const label = 'latency, wall ms (punch thanked to server OK)';
  return speed === 1 ? label : `${label}; × ${speed} in the clocks' time`;
}

/** One polyline per run of minutes with a value (NaN: no data), a lone minute as a dot. */
function polyline(
  values: number[],
  x: (m: number) => number,
  y: (v: number) => number,
  color: string,
  shift: number,
): string {
  const runs: string[][] = [];
  let current: string[] = [];
  values.forEach((v, m) => {
    if (Number.isNaN(v)) {
      if (current.length > 0) runs.push(current);
      current = [];
    } else current.push(`${f(x(m) + shift)},${f(y(v))}`);
  });
  if (current.length > 0) runs.push(current);
  return runs
    .map((points) =>
      points.length === 1
        ? `<circle fill="${color}" r="1.5" cx="${points[0]!.split(',')[0]}" cy="${points[0]!.split(',')[1]}"/>`
        : `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${points.join(' ')}"/>`,
    )
    .join('');
}

function legend(top: number, entries: [string, string][]): string {
  return entries
    .map(
      ([color, text], i) =>
        `<rect x="${WIDTH - RIGHT - 200}" y="${top + 4 + i * 16}" width="10" height="10" fill="${color}"/>` +
        `<text x="${WIDTH - RIGHT - 184}" y="${top + 13 + i * 16}">${escape(text)}</text>`,
    )
    .join('');
}

/** 1, 2 or 5 times a power of ten, at least `v`. */
function niceMax(v: number): number {
  const power = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((k) => k * power).find((n) => n >= v) ?? v;
}

/** Minutes between time labels: about ten labels on the axis. */
function tickStep(minutes: number): number {
  return [1, 5, 10, 15, 30, 60, 120, 240].find((s) => minutes / s <= 10) ?? 480;
}

function f(n: number): string {
  return n.toFixed(1);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
