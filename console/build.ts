import { build } from 'esbuild';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = fileURLToPath(new URL('.', import.meta.url));
export const CONSOLE_DIST = `${here}dist`;

/** Gzipped JavaScript a person downloads before the console's first page shows. */
export const CONSOLE_BUDGET_GZIP_BYTES = 100 * 1024;

export interface ConsoleSizes {
  /** The console script (everything it needs is in it: no CDN, no second request). */
  jsGzipBytes: number;
  cssGzipBytes: number;
}

/** Builds the console into console/dist: the same files the local runtime serves at /admin and AWS puts on S3. */
export async function buildConsole(): Promise<ConsoleSizes> {
  await mkdir(CONSOLE_DIST, { recursive: true });
  await build({
    entryPoints: { console: `${here}src/main.tsx` },
    outdir: CONSOLE_DIST,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcemap: false,
    logLevel: 'warning',
    // Scripts and styles are separate files: the console works under a CSP with no inline code.
    loader: { '.css': 'css' },
  });
  await copyFile(`${here}index.html`, `${CONSOLE_DIST}/index.html`);
  const gzipBytes = async (file: string) =>
    gzipSync(await readFile(`${CONSOLE_DIST}/${file}`), { level: 9 }).byteLength;
  return { jsGzipBytes: await gzipBytes('console.js'), cssGzipBytes: await gzipBytes('console.css') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = await buildConsole();
  console.log(
    `console built: ${sizes.jsGzipBytes} B of JavaScript gzipped (budget ${CONSOLE_BUDGET_GZIP_BYTES} B), ${sizes.cssGzipBytes} B of CSS`,
  );
  if (sizes.jsGzipBytes > CONSOLE_BUDGET_GZIP_BYTES) {
    console.error('the console is over its size budget');
    process.exit(1);
  }
}
