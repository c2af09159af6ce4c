// The HTML report of `timeclock scenario --html FILE`: bad files and failing scenarios first, each
// failure's expected/actual before its steps, every step with the screen it left. preact renders it,
// so every text from a scenario file or a screen is escaped by the renderer, never by hand.
import { renderToString } from 'preact-render-to-string';
import { formatDuration } from './duration.js';
import { formatSummary, type RunTotals } from './report-text.js';
import type { FileResult, ScenarioResult, StepFailure, StepTrace } from './results.js';
import { formatRef } from './yaml-reader.js';

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 2em; max-width: 70em; }
section { border-left: 0.4em solid #2a7; padding: 0 1em; margin: 1.5em 0; }
section.failed, section.bad-file { border-color: #c22; }
pre.screen { display: inline-block; background: #111; color: #dfd; padding: 0.4em 0.8em; margin: 0.3em 0; }
table.mismatches td, table.mismatches th { text-align: left; padding: 0.1em 0.8em; vertical-align: top; }
li.failed > code { color: #c22; font-weight: bold; }
.where { color: #666; font-size: 0.9em; }
`;

/** The whole report as an HTML document. */
export function formatHtml(results: readonly FileResult[], totals: RunTotals, seed: number | undefined): string {
  const summary = formatSummary(totals, seed);
  const badFiles = results.filter((r) => r.error);
  const scenarios = results.flatMap((r) => r.scenarios);
  // Failing first, then in the order they ran: the reader opens the report for the failures.
  const ordered = [...scenarios.filter((s) => !s.ok), ...scenarios.filter((s) => s.ok)];
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>{`timeclock scenarios: ${totals.passed} passed, ${totals.failed} failed`}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <h1>timeclock scenarios</h1>
        <p class="summary">{summary}</p>
        {badFiles.map((r) => (
          <section class="bad-file">
            <h2>{`✗ ${r.file}: bad file`}</h2>
            <p class="error">{r.error!.message}</p>
          </section>
        ))}
        {ordered.map((s) => (
          <Scenario result={s} />
        ))}
      </body>
    </html>
  );
  return `<!doctype html>\n${renderToString(page)}\n`;
}

function Scenario({ result }: { result: ScenarioResult }) {
  const mark = result.ok ? '✓' : '✗';
  return (
    <section class={result.ok ? 'scenario passed' : 'scenario failed'}>
      <h2>{`${mark} ${result.name}`}</h2>
      <p class="where">{`${result.file}, ${result.stepsRun} of ${result.steps} steps, ${formatDuration(result.virtualMs)} virtual, seed ${result.seed}`}</p>
      {result.failure && <Failure failure={result.failure} steps={result.steps} />}
      <details open={!result.ok}>
        <summary>Steps and the screen after each</summary>
        <ol class="steps">
          {(result.trace ?? []).map((step) => (
            <Step step={step} />
          ))}
        </ol>
      </details>
    </section>
  );
}

function Failure({ failure, steps }: { failure: StepFailure; steps: number }) {
  const where =
    failure.index === 0
      ? `setup at ${formatRef(failure.at)}`
      : `step ${failure.index} of ${steps} at ${formatRef(failure.at)}`;
  return (
    <div class="failure">
      <h3>{`${where}: ${failure.text}`}</h3>
      {failure.error && <p class="error">{failure.error}</p>}
      {failure.mismatches.length > 0 && (
        <table class="mismatches">
          <tr>
            <th>what</th>
            <th>expected</th>
            <th>actual</th>
          </tr>
          {failure.mismatches.map((m) => (
            <tr>
              <td>{m.what}</td>
              <td class="expected">{m.expected}</td>
              <td class="actual">{m.actual}</td>
            </tr>
          ))}
        </table>
      )}
      {failure.frame !== '' && <pre class="screen">{failure.frame}</pre>}
      {failure.logTail.length > 0 && <pre class="log">{failure.logTail.join('\n')}</pre>}
    </div>
  );
}

function Step({ step }: { step: StepTrace }) {
  return (
    <li class={step.ok ? 'step ok' : 'step failed'}>
      <code>{step.text}</code> <span class="where">{formatRef(step.at)}</span>
      <br />
      <pre class="screen">{step.frame}</pre>
    </li>
  );
}
