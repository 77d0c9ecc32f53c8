import { copyFile, cp, mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildConsole, CONSOLE_DIST } from '../console/build.js';
import { buildWidget } from '../widget/build.js';
import { MANAGE_PAGE_HTML } from '../widget/manage-page.js';

const repo = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/**
 * The files CloudFront serves from S3, laid out as the local server serves them: /widget/*, /admin/*,
 * /manage/index.html (every manage link) and the stylesheet the manage page uses.
 */
export async function buildSite(outDir: string): Promise<void> {
  await Promise.all([buildWidget(), buildConsole()]);
  await mkdir(`${outDir}/manage`, { recursive: true });
  await mkdir(`${outDir}/demo`, { recursive: true });
  await cp(repo('widget/dist'), `${outDir}/widget`, { recursive: true });
  await cp(CONSOLE_DIST, `${outDir}/admin`, { recursive: true });
  await copyFile(repo('widget/demo/demo.css'), `${outDir}/demo/demo.css`);
  await writeFile(`${outDir}/manage/index.html`, MANAGE_PAGE_HTML);
}

// CDK's asset bundling runs this with the output folder (infra/edge.ts).
if (process.argv[1] === fileURLToPath(import.meta.url)) await buildSite(process.argv[2]!);
