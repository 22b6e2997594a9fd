// Sends links made in the editor to the tracker through the outbox, like
// every write: persisted before sending, retried, idempotent under the
// outbox's key. Each link goes to the connection its caller resolved
// (a trailer's, the one the user chose the item in), never a default one.
import { NoConnection } from '../../core/itemDetails';
import type { NewCommitLink } from '../../core/model';
import type { OutboxEntry, WriteRequest } from '../../core/outbox';

export interface LinkOutbox {
  enqueue(tracker: string, request: WriteRequest): Promise<OutboxEntry>;
}

export interface LinkWriterDeps {
  readonly outbox: LinkOutbox;
  /** Whether this workspace has the connection (an entry for another would wait in the outbox forever, or reach it in another window). */
  readonly hasConnection: (connectionId: string) => boolean;
  readonly log: (line: string) => void;
}

export class LinkWriter {
  private readonly sent = new Set<string>();

  constructor(private readonly deps: LinkWriterDeps) {}

  /** Queues the link once per connection, item and commit in this session. */
  async sendLink(connectionId: string, itemId: string, link: NewCommitLink): Promise<void> {
    const once = `${connectionId}\u0000${itemId}\u0000${link.sha}`;
    if (this.sent.has(once)) {
      return;
    }
    this.sent.add(once);
    try {
      await this.write(connectionId, itemId, link);
    } catch (error) {
      this.sent.delete(once);
      throw error;
    }
  }

  private async write(connectionId: string, itemId: string, link: NewCommitLink): Promise<void> {
    if (!this.deps.hasConnection(connectionId)) {
      throw new NoConnection();
    }
    await this.deps.outbox.enqueue(connectionId, { kind: 'link', itemId, body: link });
    this.deps.log(`Link ${link.sha.slice(0, 7)} → ${itemId}: queued in the outbox for ${connectionId}`);
  }
}
