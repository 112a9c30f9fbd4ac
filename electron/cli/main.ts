/**
 * The `cockpit` command: the terminal face of the same engine the app's buttons use.
 * `--help` (anywhere) prints help and never acts.
 */
import { appVersion } from '../paths';
import { startupErrorMessage } from '../startup-error';
import { backupsCommands } from './backups';
import { type Command } from './command';
import { costCommands } from './cost';
import { deployCommands } from './deploy';
import { drillCommands } from './drill';
import { incidentsCommands } from './incidents';
import { runbooksCommands } from './runbooks';
import { timelineCommands } from './timeline';
import { type CliIO, EXIT, processIO, quietOnClosedPipes } from './io';
import { statusCommands } from './status';
import { runServe, serveUsage } from './serve';
import { runValidate } from './validate';
import { scorecardCommands } from './scorecard';

export const commands: Record<string, Command> = {
  validate: { summary: 'check a cockpit.yaml and print its problems (file:line:column)', run: runValidate },
  serve: {
    summary: 'run the cockpit in your browser (127.0.0.1 only, token-protected)',
    run: (argv, io) => runServe(argv, io),
  },
  ...statusCommands,
  ...deployCommands,
  ...costCommands,
  ...backupsCommands,
  ...drillCommands,
  ...incidentsCommands,
  ...runbooksCommands,
  ...timelineCommands,
  ...scorecardCommands,
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Reliability Cockpit ${appVersion()} — deploys, health, cost and backups for a small team.

Usage: cockpit <command> [options]     (cockpit <command> --help for details)

Commands:
${lines.join('\n')}

Options:
  --version   print the version
  --help      print this help
`;
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(appVersion());
    return EXIT.ok;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`cockpit: unknown command "${name}"\n\n${usage()}`);
    return EXIT.usage;
  }
  return command.run(rest, io);
}

/**
 * What bin/cockpit.js runs: a command with the process's own streams. A closed pipe ends output quietly (see
 * quietOnClosedPipes), and whatever escapes a command is one line on stderr, never a stack trace.
 */
export async function runCockpit(argv: string[]): Promise<void> {
  quietOnClosedPipes();
  try {
    process.exitCode = await main(argv);
  } catch (error) {
    processIO.stderr(`cockpit: ${startupErrorMessage(error)}`);
    process.exitCode = EXIT.failed;
  }
}

export { serveUsage };
