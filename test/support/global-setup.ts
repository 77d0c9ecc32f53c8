import { buildConsole } from '../../console/build.js';
import { buildWidget } from '../../widget/build.js';

/** The local server serves the built widget and console, so build them once before any test needs them. */
export default async function setup(): Promise<void> {
  await Promise.all([buildWidget(), buildConsole()]);
}
