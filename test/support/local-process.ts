import { spawn, type ChildProcess } from 'node:child_process';

const READY = 'Press Ctrl+C to stop.';

/**
 * Starts `functions/local/main.ts` as its own process and resolves once it says it is ready (or rejects
 * when it exits first): the test waits on the process's own words, never on a guessed sleep.
 */
export function startLocalProcess(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes(READY)) resolve({ child, output: () => output });
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', onOutput);
    child.once('exit', (code) =>
      reject(new Error(`the local runtime exited (${code}) before it was ready:\n${output}`)),
    );
  });
}

/** Resolves with the exit code once the process has ended. */
export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
