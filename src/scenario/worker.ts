// A child process of `timeclock scenario --jobs N`: runs the files its parent sends, one at a time,
// and sends each result back as plain data.
import { runScenarioFile, type RunOptions } from './runner.js';

interface Job {
  file: string;
  options: RunOptions;
}

process.on('message', (job: Job) => {
  void runScenarioFile(job.file, job.options).then(
    (result) => process.send?.({ file: job.file, result }),
    (error: unknown) =>
      process.send?.({
        file: job.file,
        crash: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
