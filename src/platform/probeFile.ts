// Where the test probes (testProbes.ts) write, and what: read from the
// environment the benchmark starts code-server with, never from settings, so
// no workspace or user can turn the probes on or point them at a file.
// No `vscode` here: unit-tested in plain Node.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** The probes are off (undefined), on with the file to write, or asked for with a file that is refused (why). */
export type ProbeSetting = { readonly file: string } | { readonly refused: string } | undefined;

/**
 * `FEEDBACK_LOOP_TEST_PROBES=1` turns the probes on; `FEEDBACK_LOOP_PROBE_FILE`
 * must then be an absolute, normalised path to a `.json` file, without control
 * characters: the probe replaces that file and nothing else.
 */
export function probeSetting(env: Readonly<Record<string, string | undefined>>): ProbeSetting {
  if (env.FEEDBACK_LOOP_TEST_PROBES !== '1') {
    return undefined;
  }
  const file = env.FEEDBACK_LOOP_PROBE_FILE ?? '';
  return path.isAbsolute(file) && path.normalize(file) === file && /^[^\0-\x1f]*[^/\0-\x1f]\.json$/.test(file)
    ? { file }
    : { refused: `FEEDBACK_LOOP_PROBE_FILE is not an absolute, normalised .json path: ${JSON.stringify(file)}` };
}

/**
 * A full collection: `global.gc` where Node was started with --expose-gc, else
 * the same function taken from V8 at run time (the extension host's flags come
 * from code-server, which strips NODE_OPTIONS). Only ever called by a probe.
 */
export function collectGarbage(): void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  let gc = exposed;
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
  gc(); // a second pass frees what finalisers of the first released
}

/** Writes `value` as JSON beside `file`, then renames it over: a reader never sees half a file. */
export async function writeProbeFile(file: string, value: object): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(temp, JSON.stringify(value));
  await fs.promises.rename(temp, file);
}
