// What bin/timeclock.js runs: the program, which loads only the command it runs (commands.ts), so that a
// cloud left running on a server holds no terminal UI, serial bridges or scenario runner in its RSS
// (BENCHMARKS.md, the cloud under attack), and `--version` loads nothing but commander.
export async function main(argv: string[]): Promise<number> {
  return (await import('./main.js')).main(argv);
}
