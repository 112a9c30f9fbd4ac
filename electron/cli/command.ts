import { type CliIO } from './io';

/** One `cockpit` subcommand. `run` gets the arguments after its name; `--help` must print and never act. */
export interface Command {
  summary: string;
  run: (argv: string[], io: CliIO) => Promise<number>;
}
