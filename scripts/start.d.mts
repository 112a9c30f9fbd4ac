// Types of what scripts/start.mjs exports for its tests (the script itself stays plain JavaScript, so it runs on
// any Node.js old enough to need its version message).

/** An exit within this long after launch is a failure to start. */
export declare const START_WINDOW_MS: number;
/** One line when this Node.js is too old for the cockpit, else null. */
export declare function nodeVersionProblem(version: string): string | null;
/** The line of Electron's stderr that says why it stopped ('' when none does). */
export declare function meaningfulLine(stderr: string): string;
/** Chromium refused to start without its sandbox (the AppArmor restriction on Linux, or no sandbox at all). */
export declare function isSandboxBlocked(stderr: string): boolean;
/** One line for a person whose Electron stopped at start: why, and what to do. */
export declare function startFailureMessage(exit: {
  code: number | null;
  signal: string | null;
  stderr: string;
  binary?: string;
}): string;
