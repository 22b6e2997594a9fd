// Builds the TrackerClient for a base URL that follows our REST contract.
// Loads the REST adapter on first use (trackerModules.ts).
import type { TrackerClient } from '../../trackers/tracker';
import { httpModule, restModule } from './trackerModules';

export interface TrackerOptions {
  readonly baseUrl: string;
  readonly getToken: () => Promise<string | undefined>;
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

export async function createRestTracker(options: TrackerOptions): Promise<TrackerClient> {
  const [{ HttpClient }, { RestTracker }] = await Promise.all([httpModule(), restModule()]);
  return new RestTracker(new HttpClient({ ...options, userAgent: 'feedback-loop-vscode' }));
}

/** Builds on the first call and keeps the tracker; a failed build (a bad URL, an adapter that did not load) is tried again on the next call. */
export function buildOnce(build: () => Promise<TrackerClient>): () => Promise<TrackerClient> {
  let tracker: Promise<TrackerClient> | undefined;
  return () =>
    (tracker ??= build().catch((error: unknown) => {
      tracker = undefined;
      throw error;
    }));
}
