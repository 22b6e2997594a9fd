// What activate() returns: a small read-only window on the Feedback view's
// data, for other extensions and for the in-host integration tests.
import type { GroupView, ViewOptions } from './core/feedbackStore';

export interface FeedbackLoopApi {
  /** The groups the view shows now, with their rows. */
  groups(): readonly GroupView[];
  viewOptions(): ViewOptions;
  /** Resolves when no refresh is running. */
  whenIdle(): Promise<void>;
  /** The last refresh error, described for people, or undefined. */
  lastError(): string | undefined;
}
