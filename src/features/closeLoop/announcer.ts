// Telling customers: the notification offered once per item and release
// (Review / Not now / Never for this item), and Review, which prepares the
// reply in the item panel's composer from the template. Nothing is sent
// until the developer presses Send; then the reply goes through the outbox
// like every write, followed by the status change to *shipped*.
import * as vscode from 'vscode';
import type { ShippedItem } from '../../core/closeLoop/detection';
import type { LinkData } from '../../core/closeLoop/linked';
import type { ShipLog } from '../../core/closeLoop/shipLog';
import { commitList, renderTemplate } from '../../core/closeLoop/template';
import type { Outbox } from '../../core/outbox';
import { Disposable } from '../../platform/disposable';
import { describeError } from '../../platform/errorText';
import { readSetting } from '../../platform/settings';
import type { FeedbackSession } from '../../core/session';
import type { PanelComposer } from '../../platform/panelComposer';

/** At most this many notifications at once; more shipped items get one summary. */
const MAX_OFFERS = 3;

export interface AnnouncerDeps {
  readonly shipLog: ShipLog;
  readonly save: () => Thenable<void>;
  readonly connection: () => { readonly id: string } | undefined;
  /** Items are read through the session (the view's rows, else the tracker). */
  readonly items: Pick<FeedbackSession, 'summary'>;
  readonly outbox: Outbox;
  readonly openItem: (itemId: string) => Promise<void>;
  readonly links: () => Promise<LinkData> | undefined;
  readonly log: (line: string) => void;
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
      send: (itemId, body, visibility) => {
        const accepted = inner.send(itemId, body, visibility);
        if (accepted && visibility === 'public') {
          void this.sent(itemId);
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

  /** Shows the notifications for newly shipped items (not awaited by detection). */
  offer(news: readonly ShippedItem[]): void {
    const connection = this.deps.connection();
    if (!connection || news.length === 0) {
      return;
    }
    for (const shipped of news.slice(0, MAX_OFFERS)) {
      void this.offerOne(connection, shipped);
    }
    if (news.length > MAX_OFFERS) {
      const more = news.length - MAX_OFFERS;
      void vscode.window.showInformationMessage(
        vscode.l10n.t('{0} more feedback items shipped: find them in the Feedback view under “Shipped, not yet announced”.', more),
      );
    }
  }

  /** Review: prepares the reply in the item's panel from the template; sends nothing. */
  async review(itemId: string): Promise<void> {
    const connection = this.deps.connection();
    const state = connection ? this.deps.shipLog.item(connection.id, itemId) : undefined;
    if (!connection || !state?.shipped || !this.inner) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Nothing shipped is known for {0}.', itemId));
      return;
    }
    const item = await this.deps.items.summary(itemId);
    const links = await this.deps.links();
    const subjects = state.shipped.shas.flatMap((sha) => links?.history.commit(state.shipped?.repository ?? '', sha)?.subject ?? []);
    const template = readSetting('closeLoop.template', (message) => void vscode.window.showWarningMessage(message));
    const body = renderTemplate(template, {
      id: item.id,
      title: item.title,
      release: state.shipped.release,
      commits: commitList(subjects),
      customerCount: String(item.customerCount),
      repository: vscode.workspace.asRelativePath(state.shipped.repository),
    });
    const existing = this.inner.draft(itemId)?.body.trim() ?? '';
    this.inner.saveDraft(itemId, existing && !existing.includes(body) ? `${body}\n\n${existing}` : body, 'public');
    this.deps.shipLog.update(connection.id, itemId, { prepared: state.shipped.release });
    await this.deps.save();
    await this.deps.openItem(itemId);
    this.prepared.fire(itemId);
    this.hint?.dispose();
    this.hint = vscode.window.setStatusBarMessage(vscode.l10n.t('$(megaphone) Sending the reply to {0} also marks it shipped', itemId), 60_000);
  }

  private async offerOne(connection: { readonly id: string }, shipped: ShippedItem): Promise<void> {
    const item = await this.deps.items.summary(shipped.itemId).catch((error: unknown) => {
      // The offer goes out anyway, without the title and the number of customers.
      this.deps.log(`Close the loop: could not fetch ${shipped.itemId} for its offer: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    const title = item ? ` '${plainText(item.title)}'` : '';
    const customers = item?.customerCount ?? 0;
    const message =
      shipped.kind === 'tag'
        ? vscode.l10n.t('{0}{1} shipped in {2} — tell its {3} customers?', shipped.itemId, title, shipped.release, customers)
        : vscode.l10n.t('{0}{1} was merged to {2} — tell its {3} customers?', shipped.itemId, title, shipped.release, customers);
    const review = vscode.l10n.t('Review');
    const later = vscode.l10n.t('Not now');
    const never = vscode.l10n.t('Never for this item');
    const choice = await vscode.window.showInformationMessage(message, review, later, never);
    if (choice === review) {
      await this.review(shipped.itemId).catch((error: unknown) => void vscode.window.showErrorMessage(describeError(error)));
    } else if (choice === never) {
      this.deps.shipLog.update(connection.id, shipped.itemId, { never: true, prepared: null });
      await this.deps.save();
      this.announced.fire(shipped.itemId);
    }
  }

  /** A public reply went out for an item with a prepared announcement: the status change follows it. */
  private async sent(itemId: string): Promise<void> {
    const connection = this.deps.connection();
    const prepared = connection ? this.deps.shipLog.item(connection.id, itemId).prepared : null;
    if (!connection || prepared === null) {
      return;
    }
    try {
      await this.deps.outbox.enqueue(connection.id, { kind: 'status', itemId, body: { status: 'shipped' } });
      this.deps.shipLog.update(connection.id, itemId, { prepared: null, announced: prepared });
      await this.deps.save();
      this.hint?.dispose();
      this.announced.fire(itemId);
    } catch (error) {
      this.deps.log(`Close the loop: could not queue the status of ${itemId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Customer text in a notification: no markdown links (a notification renders them, command links too), one line. */
function plainText(text: string): string {
  const line = text.replace(/[[\]()<>`]/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
