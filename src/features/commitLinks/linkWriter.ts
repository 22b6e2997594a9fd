// Sends links made in the editor to the tracker through the outbox, like
// every write: persisted before sending, retried, idempotent under the
// outbox's key.
import { NoConnection } from '../../core/itemDetails';
import type { NewCommitLink } from '../../core/model';
import type { OutboxEntry, WriteRequest } from '../../core/outbox';

export interface LinkOutbox {
  enqueue(tracker: string, request: WriteRequest): Promise<OutboxEntry>;
}

export interface LinkWriterDeps {
  readonly outbox: LinkOutbox;
  /** The key the outbox files writes under for the connected tracker. */
  readonly trackerKey: () => string | undefined;
  readonly log: (line: string) => void;
}

export class LinkWriter {
  private readonly sent = new Set<string>();

  constructor(private readonly deps: LinkWriterDeps) {}

  /** Queues the link once per item and commit in this session. */
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
    if (!trackerKey) {
      throw new NoConnection();
    }
    await this.deps.outbox.enqueue(trackerKey, { kind: 'link', itemId, body: link });
    this.deps.log(`Link ${link.sha.slice(0, 7)} → ${itemId}: queued in the outbox`);
  }
}
