/** `cockpit status` (filled in by its feature). */
import { type Command } from './command';

export const statusCommands: Record<string, Command> = {};
