/** `cockpit deploy, rollback, history, lock` (filled in by its feature). */
import { type Command } from './command';

export const deployCommands: Record<string, Command> = {};
