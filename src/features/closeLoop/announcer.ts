// Telling customers: the notification offered once per item and release
// (Review / Not now / Never for this item), and Review, which prepares the
// reply in the item panel's composer from the template. Nothing is sent
// until the developer presses Send; then the reply goes through the outbox
// like every write, followed by the status change to *shipped*.
import * as vscode from 'vscode';
import type { ConnectionShippedItem } from '../../core/closeLoop/detection';
import type { LinkData } from '../../core/closeLoop/linked';
import type { ShipLog } from '../../core/closeLoop/shipLog';
import type { Outbox } from '../../core/outbox';
import { Disposable } from '../../platform/disposable';
import type { FeedbackSession } from '../../core/session';
import type { PanelComposer } from '../../platform/panelComposer';
import { queueShippedStatus } from '../../core/closeLoop/announce';

export interface AnnouncerDeps {
  readonly shipLog: ShipLog;
  readonly save: () => Thenable<void>;
  readonly connection: () => { readonly id: string } | undefined;
  /** The key (a ref) the composer and the item panel name a connection's item by, and back. */
  readonly keyOf: (connectionId: string, itemId: string) => string | undefined;
  readonly target: (key: string) => { readonly tracker: string; readonly itemId: string } | undefined;
  /** Items by ref, each read in its connection (the view's rows, else the tracker). */
  readonly items: Pick<FeedbackSession, 'summary'>;
  readonly outbox: Outbox;
  readonly openItem: (itemId: string) => Promise<void>;
  readonly links: () => Promise<LinkData> | undefined;
  readonly log: (line: string) => void;
}

/** The Announcer as announcements.ts sees it. */
export interface AnnouncerParts {
  readonly deps: AnnouncerDeps;
  readonly inner: PanelComposer | undefined;
  readonly prepared: (itemId: string) => void;
  readonly announced: (itemId: string) => void;
  /** Shows a hint in the status bar for a minute (undefined: takes it away). */
  readonly hint: (message: string | undefined) => void;
}

export class Announcer extends Disposable {
  private inner: PanelComposer | undefined;
  private readonly prepared = this._register(new vscode.EventEmitter<string>());
  private readonly announced = this._register(new vscode.EventEmitter<string>());
  /** An item's prepared announcement was queued (it leaves the group). */
  readonly onDidAnnounce = this.announced.event;
  private hint: vscode.Disposable | undefined;

  constructor(private readonly deps: AnnouncerDeps) {
    super();
    this._register({ dispose: () => this.hint?.dispose() });
  }

  /** The composer the item panel uses: the same, plus the status change after a prepared reply. */
  wrap(inner: PanelComposer): PanelComposer {
    this.inner = inner;
    return {
      strings: inner.strings,
      draft: (itemId) => inner.draft(itemId),
      saveDraft: (itemId, body, visibility) => inner.saveDraft(itemId, body, visibility),
      send: (key, body, visibility) => {
        const accepted = inner.send(key, body, visibility);
        if (accepted && visibility === 'public') {
          void this.sent(key);
        }
        return accepted;
      },
      outgoing: (itemId) => inner.outgoing(itemId),
      changeStatus: (itemId) => inner.changeStatus(itemId),
      onDidChange: (listener) => inner.onDidChange(listener),
      onDidSaveDraft: (listener) => inner.onDidSaveDraft(listener),
      // A prepared reply replaces the composer's text like a returned one, also in an open panel.
      onDidReturnDraft: (listener) => vscode.Disposable.from(inner.onDidReturnDraft(listener), this.prepared.event(listener)),
    };
  }

  /** Shows the notifications for newly shipped items (not awaited by detection); what they say is in announcements.ts, loaded then. */
  offer(news: readonly ConnectionShippedItem[]): void {
    if (news.length > 0) {
      void import('./announcements').then((announcements) => announcements.offer(this.parts(), news));
    }
  }

  /** Review: prepares the reply in the item's panel from the template; sends nothing (announcements.ts). `key`: a ref, or a bare id (the first connection's). */
  async review(key: string): Promise<void> {
    await (await import('./announcements')).review(this.parts(), key);
  }

  /** What announcements.ts works with: the deps, the composer, and the events it fires. */
  private parts(): AnnouncerParts {
    return {
      deps: this.deps,
      inner: this.inner,
      prepared: (itemId) => this.prepared.fire(itemId),
      announced: (itemId) => this.announced.fire(itemId),
      hint: (message) => {
        this.hint?.dispose();
        this.hint = message === undefined ? undefined : vscode.window.setStatusBarMessage(message, 60_000);
      },
    };
  }

  /** A public reply went out: when its item (of its own connection) had an announcement prepared, the status change follows, to that connection. */
  private async sent(key: string): Promise<void> {
    const at = this.deps.target(key);
    try {
      if (await queueShippedStatus(this.deps.shipLog, this.deps.outbox, at)) {
        await this.deps.save();
        this.parts().hint(undefined);
        this.announced.fire(key);
      }
    } catch (error) {
      this.deps.log(`Close the loop: could not queue the status of ${key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
