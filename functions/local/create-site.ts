import { runCreateSite } from './create-site-command.js';

process.exitCode = await runCreateSite({
  argv: process.argv.slice(2),
  env: process.env,
  fetch,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
