import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Gzipped bytes the host page loads before the visitor opens the chat: the launcher script only. */
export const LAUNCHER_BUDGET_GZIP_BYTES = 15 * 1024;

export async function buildWidget(): Promise<{ launcherGzipBytes: number; chatGzipBytes: number }> {
  const common = { bundle: true, minify: true, target: 'es2020', sourcemap: false, logLevel: 'warning' } as const;
  await Promise.all([
    build({ ...common, entryPoints: [`${here}src/loader.ts`], outfile: `${here}dist/loader.js`, format: 'iife' }),
    build({ ...common, entryPoints: [`${here}src/chat.ts`], outfile: `${here}dist/chat.js`, format: 'esm' }),
    build({ ...common, entryPoints: [`${here}src/manage.ts`], outfile: `${here}dist/manage.js`, format: 'iife' }),
  ]);
  const gzipBytes = async (file: string) => gzipSync(await readFile(`${here}dist/${file}`), { level: 9 }).byteLength;
  return { launcherGzipBytes: await gzipBytes('loader.js'), chatGzipBytes: await gzipBytes('chat.js') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = await buildWidget();
  console.log(
    `widget built: launcher ${sizes.launcherGzipBytes} B gzipped (budget ${LAUNCHER_BUDGET_GZIP_BYTES} B), chat app ${sizes.chatGzipBytes} B gzipped, loaded on intent`,
  );
  if (sizes.launcherGzipBytes > LAUNCHER_BUDGET_GZIP_BYTES) {
    console.error('the launcher is over its size budget');
    process.exit(1);
  }
}
