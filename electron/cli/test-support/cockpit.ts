/**
 * `cockpit` as bin/cockpit.js runs it, but from the TypeScript sources (the CLI tests run against the sources, not
 * the build in out/): `node --import tsx cockpit.ts <command> …`.
 */
import { runCockpit } from '../main';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await runCockpit(process.argv.slice(2));
