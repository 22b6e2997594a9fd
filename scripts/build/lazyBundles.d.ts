// Types of lazyBundles.js, for the tests that read its list (test/package/package.test.ts).
import type { BuildOptions, Plugin } from 'esbuild';

export interface LazyBundle {
  /** The file under dist/: `trackers/github` → dist/trackers/github.js. */
  readonly name: string;
  readonly entries: readonly string[];
  readonly owns: (key: string) => boolean;
  readonly standIn?: boolean;
}

export const lazyBundles: readonly LazyBundle[];
export function lazyBundleOptions(common: BuildOptions, outdir: string, pluginsOf: (name: string) => Plugin[], onChange: () => void): BuildOptions[];
export function extensionSidePlugin(): Plugin;
