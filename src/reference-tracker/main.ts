// The reference tracker as a program. `--json` prints exactly one line,
// {"url","token"}, when ready: the extension forks this file for "Try with
// sample data" and reads that line. It stops on SIGTERM/SIGINT and when its
// parent goes away, so it never outlives the editor that started it.
import { parseArgs } from 'node:util';
import type { ReferenceTrackerOptions, RunningTracker } from './server';
import { startReferenceTracker } from './server';

const USAGE = `Usage: node dist/reference-tracker.js [--port 4000] [--host 127.0.0.1] [--token abc]
  [--data ./data.json] [--size 300] [--seed 1] [--latency ms] [--error-rate 0..1] [--json]`;

function numberArg(name: string, value: string | undefined, max = Number.MAX_SAFE_INTEGER, integer = true): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const parsed = Number(value);
  if (value.trim() === '' || !(parsed >= 0 && parsed <= max) || (integer && !Number.isInteger(parsed))) {
    throw new Error(`--${name}: expected ${integer ? 'an integer' : 'a number'} from 0 to ${max}, got "${value}"`);
  }
  return parsed;
}

function parseOptions(argv: readonly string[]): { options: ReferenceTrackerOptions; json: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      data: { type: 'string' },
      size: { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      'error-rate': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const options: ReferenceTrackerOptions = {
    host: values.host,
    port: numberArg('port', values.port, 65535),
    token: values.token,
    dataFile: values.data,
    size: numberArg('size', values.size),
    seed: numberArg('seed', values.seed),
    faults: { latencyMs: numberArg('latency', values.latency), errorRate: numberArg('error-rate', values['error-rate'], 1, false) },
  };
  return { options, json: values.json };
}

/** Stops once, on a signal, on IPC disconnect, or when the parent process is gone. */
function stopWithParent(tracker: RunningTracker): void {
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) {
      return;
    }
    stopping = true;
    tracker.stop().then(
      () => process.exit(code),
      (error: unknown) => {
        process.stderr.write(`reference tracker: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  if (process.send !== undefined) {
    process.on('disconnect', () => stop(0));
  }
  // Without IPC, a parent that dies leaves us re-parented: notice and leave too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) {
      stop(0);
    }
  }, 1000).unref();
}

async function main(): Promise<void> {
  const { options, json } = parseOptions(process.argv.slice(2));
  const tracker = await startReferenceTracker(options);
  stopWithParent(tracker);
  if (json) {
    process.stdout.write(`${JSON.stringify({ url: tracker.url, token: tracker.token })}\n`);
  } else {
    process.stdout.write(
      `Reference tracker ready.\n  URL:   ${tracker.url}\n  API:   ${tracker.url}/api/v1\n  Token: ${tracker.token}\n` +
        `Try: curl -H "Authorization: Bearer ${tracker.token}" ${tracker.url}/api/v1/items?limit=5\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`reference tracker: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(1);
});
