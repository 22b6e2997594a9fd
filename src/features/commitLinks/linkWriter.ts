// Sends links made in the editor to the tracker. Through the outbox when the
// composition root provides one (persisted, retried, idempotent); until then
// straight to the tracker, with an idempotency key derived from the link so a
// repeat is harmless (the contract answers the existing link for a known sha).
import type { NewCommitLink } from '../../core/model';
import type { OutboxEntry, WriteRequest } from '../../core/outbox';
import type { TrackerClient } from '../../trackers/tracker';

export interface LinkOutbox {
  enqueue(tracker: string, request: WriteRequest): Promise<OutboxEntry>;
}

export interface LinkWriterDeps {
  readonly outbox?: LinkOutbox;
  /** The key the outbox files writes under for the connected tracker. */
  readonly trackerKey: () => string | undefined;
  readonly getTracker: () => Promise<TrackerClient | undefined>;
  readonly log: (line: string) => void;
}

export class LinkWriter {
  private readonly sent = new Set<string>();

  constructor(private readonly deps: LinkWriterDeps) {}

  /** Queues (or sends) the link once per item and commit in this session. */
  async sendLink(itemId: string, link: NewCommitLink): Promise<void> {
    const once = `${itemId}\u0000${link.sha}`;
    if (this.sent.has(once)) {
      return;
    }
    this.sent.add(once);
    try {
      await this.write(itemId, link);
    } catch (error) {
      this.sent.delete(once);
      throw error;
    }
  }

  private async write(itemId: string, link: NewCommitLink): Promise<void> {
    const trackerKey = this.deps.trackerKey();
    if (this.deps.outbox && trackerKey) {
      await this.deps.outbox.enqueue(trackerKey, { kind: 'link', itemId, body: link });
      this.deps.log(`Link ${link.sha.slice(0, 7)} → ${itemId}: queued in the outbox`);
      return;
    }
    const tracker = await this.deps.getTracker();
    if (!tracker) {
      throw new Error('No tracker is connected.');
    }
    await tracker.addLink(itemId, link, { idempotencyKey: `link-${itemId}-${link.sha}` });
    this.deps.log(`Link ${link.sha.slice(0, 7)} → ${itemId}: sent`);
  }
}
