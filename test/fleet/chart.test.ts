// The report's chart: a minute without acknowledgements has no latency, and no line joins the minutes on
// either side of it; the latency axis says its time is wall time, and the speed at compressed speeds.
import { describe, expect, it } from 'vitest';
import { chartSvg } from '../../src/fleet/chart.js';
import { newHistogram, record } from '../../src/fleet/histogram.js';
import { shardReport } from './report-fixture.js';

function withLatencyMinutes(values: (number | undefined)[], speed = 1) {
  const report = shardReport('1/1', []);
  report.run.speed = speed;
  report.minutes.latency = values.map((v) => {
    const h = newHistogram();
    if (v !== undefined) record(h, v);
    return h;
  });
  report.minutes.made = values.map((v) => (v === undefined ? 0 : 1));
  report.minutes.acked = report.minutes.made;
  return report;
}

/** The points of each p50 (green) polyline, and the dots of lone minutes. */
function p50Lines(svg: string): { lines: number[]; dots: number } {
  const lines = [...svg.matchAll(/<polyline fill="none" stroke="#31a354"[^>]*points="([^"]*)"/g)].map(
    (m) => m[1]!.split(' ').length,
  );
  return { lines, dots: [...svg.matchAll(/<circle fill="#31a354"/g)].length };
}

describe('the fleet chart', () => {
  it('breaks the latency lines at minutes without data', () => {
    const svg = chartSvg(withLatencyMinutes([10, 20, undefined, undefined, 30, 40, 50, undefined, 60]));

    expect(p50Lines(svg)).toEqual({ lines: [2, 3], dots: 1 });
  });

  it('draws one line through minutes that all have data', () => {
    expect(p50Lines(chartSvg(withLatencyMinutes([10, 20, 30])))).toEqual({ lines: [3], dots: 0 });
  });

  it('labels the latency as wall time, and its scale at a compressed speed', () => {
    expect(chartSvg(withLatencyMinutes([10]))).toContain('latency, wall ms (punch thanked to server OK)<');
    expect(chartSvg(withLatencyMinutes([10], 60))).toContain("× 60 in the clocks' time");
  });
});
