import { buildWidget } from '../../widget/build.js';

/** The local server serves the built widget, so build it once before any test needs it. */
export default async function setup(): Promise<void> {
  await buildWidget();
}
