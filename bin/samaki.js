#!/usr/bin/env node
// The samaki command. It runs the compiled program in dist/ (built by `npm ci`, through the
// package's prepare script, or by `npm run build`).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error(
    'samaki is not built yet: run `npm run build` (or `npm ci`) in the project folder, then try again.',
  );
  process.exit(2);
}
// A reader that stops early (`samaki … | head`) closes the pipe: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { runCli, nodeIo } = await import(main.href);
process.exitCode = await runCli(process.argv.slice(2), nodeIo());
