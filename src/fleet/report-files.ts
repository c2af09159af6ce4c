// Writing a report: the JSON where --report says, the Markdown and the SVG chart beside it
// (fleet-report.json → fleet-report.md, fleet-report.svg).
import fs from 'node:fs';
import path from 'node:path';
import { chartSvg } from './chart.js';
import { reportMarkdown } from './report-md.js';
import type { FleetReport } from './report.js';

export interface WrittenReport {
  json: string;
  markdown: string;
  chart: string;
}

export function writeReport(report: FleetReport, jsonFile: string): WrittenReport {
  const stem = jsonFile.replace(/\.json$/i, '');
  const files = { json: jsonFile, markdown: `${stem}.md`, chart: `${stem}.svg` };
  fs.mkdirSync(path.dirname(path.resolve(jsonFile)), { recursive: true });
  fs.writeFileSync(files.json, `${JSON.stringify(report, null, 1)}\n`);
  fs.writeFileSync(files.chart, chartSvg(report));
  fs.writeFileSync(files.markdown, reportMarkdown(report, path.basename(files.chart)));
  return files;
}
