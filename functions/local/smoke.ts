import { runSmoke } from './smoke-command.js';

process.exitCode = await runSmoke({
  argv: process.argv.slice(2),
  fetch,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
