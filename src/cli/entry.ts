// What bin/timeclock.js runs. `timeclock cloud` loads the cloud's modules only: a cloud left running on a
// server has no use for the terminal UI, the serial bridges or the scenario runner, and loading them
// held about 30 MiB of its RSS for good (BENCHMARKS.md, the cloud under attack). Every other command
// loads the whole program (src/cli/main.ts), whose help lists them all.
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'cloud') return (await import('./cloud.js')).cloudCommand(argv.slice(1));
  return (await import('./main.js')).main(argv);
}
