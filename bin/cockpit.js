#!/usr/bin/env node
// The `cockpit` command. The CLI is bundled with the app into out/main/cli.js by `npm run build`.
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// V8 keeps the compiled bundle in the user's temp folder, so a second start skips compiling it: about a quarter of
// the start-up time. (Absent before Node 22.1; the start script states the Node the cockpit needs.)
enableCompileCache?.();

// The AWS SDK warns on every run under Node 20; the cockpit states its own Node requirement.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js');
if (!existsSync(bundle)) {
  process.stderr.write('cockpit: not built yet — run `npm run build` in the Reliability Cockpit folder first.\n');
  process.exit(1);
}
// runCockpit sets the exit status, keeps a closed pipe (`cockpit validate x | head -1`) quiet and turns a failure
// into one line on stderr.
const { runCockpit } = await import(pathToFileURL(bundle).href);
await runCockpit(process.argv.slice(2));
