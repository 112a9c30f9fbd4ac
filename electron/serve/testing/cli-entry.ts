/**
 * The `cockpit` command run from source (node --import tsx), so a test can start the real `serve` process
 * without a build: the same main() that bin/cockpit.js loads from out/main/cli.js.
 */
import { main } from '../../cli/main';

process.exitCode = await main(process.argv.slice(2));
