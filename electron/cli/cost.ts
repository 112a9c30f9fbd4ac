/** `cockpit cost` (filled in by its feature). */
import { type Command } from './command';

export const costCommands: Record<string, Command> = {};
