// Builds the TrackerClient for a base URL. One place, so that later adapters
// (GitHub, Canny) plug in here.
import { HttpClient } from '../../trackers/http';
import { RestTracker } from '../../trackers/rest/restTracker';
import type { TrackerClient } from '../../trackers/tracker';

export interface TrackerOptions {
  readonly baseUrl: string;
  readonly getToken: () => Promise<string | undefined>;
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

export function createRestTracker(options: TrackerOptions): TrackerClient {
  return new RestTracker(new HttpClient({ ...options, userAgent: 'feedback-loop-vscode' }));
}
