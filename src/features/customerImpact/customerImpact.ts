// Customer impact, put together: the impact of the current changes (kept by
// ImpactService), the Customer Impact views, the lenses and hovers in the
// editor, and the commands: Copy Customer Impact (a markdown block for a pull
// request), Add Trailers for Affected Items (to the commit message), and the
// ones the rows and lenses run. It reads items through the session and links,
// trade-offs and the branch's item from what the composition root hands it.
import * as vscode from 'vscode';
import type { FeedbackSession } from '../../core/session';
import type { ImpactedItem } from '../../core/impact/impact';
import { singleLineText } from '../../core/displayText';
import { appendTrailers } from '../../core/trailers';
import { Disposable } from '../../platform/disposable';
import { describeError } from '../../platform/errorText';
import type { Git, Repository } from '../../platform/git';
import { demandLine } from '../../platform/itemWords';
import { ImpactEditor } from './impactEditor';
import type { ImpactService, ImpactSources, TradeOffLocation } from './impactService';
import { notLoaded } from './impactState';
import type { ImpactState } from './impactState';
import { ImpactTree } from './impactTree';

export interface CustomerImpactDeps {
  readonly git: Git;
  readonly session: Pick<FeedbackSession, 'store' | 'details' | 'summary'>;
  readonly linkedByRepository: () => Promise<Map<string, Map<string, string[]>>>;
  readonly onDidChangeLinks: (listener: () => void) => vscode.Disposable;
  readonly tradeOffs: () => readonly TradeOffLocation[];
  readonly onDidChangeTradeOffs: (listener: () => void) => vscode.Disposable;
  readonly branchItemOf: (repo: Repository) => string | undefined;
  /** The trailer that links a commit to an item; undefined without a tracker. */
  readonly trailerFor: (itemId: string) => { key: string; value: string } | undefined;
  readonly log: (line: string) => void;
}

/** Items whose thread is read for a quote when copying: the first of the ranking. */
const QUOTED_ITEMS = 20;

export class CustomerImpact extends Disposable {
  /**
   * The engine (diff, blame, the computation) is a bundle of its own, loaded
   * when there is a repository to read or a command needs it: never during activation.
   */
  private loading: Promise<ImpactService> | undefined;
  private service: ImpactService | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());

  constructor(private readonly deps: CustomerImpactDeps) {
    super();
    const state = (): ImpactState => this.service ?? notLoaded(deps.git.repositories.length);
    this._register(new ImpactTree(state, this.changed.event));
    this._register(new ImpactEditor(state, this.changed.event, deps.git));
    this.registerCommands();
    this._register(deps.git.onDidChangeRepositories(() => {
      if (deps.git.repositories.length > 0) {
        void this.loaded();
      }
      this.changed.fire();
    }));
  }

  /** Another tracker is connected. */
  connectionChanged(): void {
    this.service?.connectionChanged();
  }

  private loaded(): Promise<ImpactService> {
    this.loading ??= import('./impactService').then(({ ImpactService }) => {
      const service = (this.service = this._register(new ImpactService(this.sources())));
      this._register(service.onDidChange(() => this.changed.fire()));
      this.changed.fire();
      return service;
    });
    this.loading.catch((error: unknown) => this.deps.log(`Customer impact could not start: ${describeError(error)}`));
    return this.loading;
  }

  private sources(): ImpactSources {
    const { session } = this.deps;
    return {
      ...this.deps,
      loadedItem: (id) => session.store.findItem(id),
      readItem: (id) => session.summary(id),
      customersOf: (id) => session.details.get(id)?.item.value?.customers,
      onDidChangeItems: (listener) => {
        const store = session.store.onDidChange(listener);
        const details = session.details.onDidChange(listener);
        return { dispose: () => (store.dispose(), details.dispose()) };
      },
    };
  }

  private registerCommands(): void {
    // Literal ids: test/unit/manifest.test.ts matches what is registered against the manifest.
    this._register(vscode.commands.registerCommand('feedbackLoop.refreshImpact', async () => (await this.loaded()).refresh()));
    this._register(vscode.commands.registerCommand('feedbackLoop.copyCustomerImpact', () => this.copy()));
    this._register(vscode.commands.registerCommand('feedbackLoop.addImpactTrailers', () => this.addTrailers()));
    this._register(vscode.commands.registerCommand('feedbackLoop.showImpactItems', (ids: unknown) => this.showItems(ids)));
    this._register(vscode.commands.registerCommand('feedbackLoop.openImpactReason', (uri: unknown, line: unknown) => openLines(uri, line)));
  }

  /** Copies the impact as markdown; the first items' threads are read for a customer's words. */
  private async copy(): Promise<void> {
    const service = await this.loaded();
    const { items } = service.impact;
    if (items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Your changes touch no code linked to feedback: there is no customer impact to copy.'));
      return;
    }
    const { details } = this.deps.session;
    const toRead = items.slice(0, QUOTED_ITEMS).filter(({ id, item }) => item && details.get(id)?.comments.value === undefined);
    if (toRead.length > 0) {
      // A thread that cannot be read (tracker down) just gives no quote.
      const reads = Promise.allSettled(toRead.map(({ id }) => details.load(id)));
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading what customers said…') }, () => reads);
    }
    const tradeOffs = new Map(this.deps.tradeOffs().map((t) => [t.tradeOffId, t.summary]));
    // The block's words are in the impact bundle, with the engine: loaded already.
    const { impactMarkdown } = await import('./impactMarkdown');
    const markdown = impactMarkdown(service.impact, {
      quoteOf: (id) => details.get(id)?.comments.value?.find((comment) => comment.author.role === 'customer')?.body,
      tradeOffSummary: (id) => tradeOffs.get(id),
    });
    await vscode.env.clipboard.writeText(markdown);
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied the customer impact of {0} items as Markdown.', items.length));
  }

  /** Adds the trailers of the items the user keeps to each changed repository's commit message. */
  private async addTrailers(): Promise<void> {
    const service = await this.loaded();
    const { items } = service.impact;
    const picks = items.map((entry) => ({ ...itemPick(entry), picked: true, entry }));
    if (picks.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Your changes touch no code linked to feedback: there are no trailers to add.'));
      return;
    }
    const chosen = await vscode.window.showQuickPick(picks, { canPickMany: true, placeHolder: vscode.l10n.t('Items to name in the commit message') });
    if (!chosen || chosen.length === 0) {
      return;
    }
    try {
      const added = this.appendToMessages(chosen.map(({ entry }) => entry));
      if (added === 0) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Connect a tracker to add trailers: a trailer names the tracker of its item.'));
        return;
      }
      await vscode.commands.executeCommand('workbench.view.scm');
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
    }
  }

  /** Appends trailers per repository (an item touched in two repositories is named in both); returns how many. */
  private appendToMessages(entries: readonly ImpactedItem[]): number {
    let added = 0;
    for (const repo of this.deps.git.repositories) {
      const root = repo.rootUri.fsPath;
      const trailers = entries.filter(({ reasons }) => reasons.some((r) => r.repository === root)).flatMap(({ id }) => this.deps.trailerFor(id) ?? []);
      if (trailers.length > 0) {
        repo.inputBox.value = appendTrailers(repo.inputBox.value, trailers);
        added += trailers.length;
      }
    }
    return added;
  }

  private async showItems(ids: unknown): Promise<void> {
    const wanted = new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
    const service = await this.loaded();
    const picks = service.impact.items.filter(({ id }) => wanted.has(id)).map((entry) => ({ ...itemPick(entry), id: entry.id }));
    const picked = picks.length === 1 ? picks[0] : await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('Feedback items this change affects') });
    if (picked) {
      await vscode.commands.executeCommand('feedbackLoop.openItem', picked.id);
    }
  }
}

function itemPick({ id, item }: ImpactedItem): { label: string; description: string } {
  return item ? { label: singleLineText(item.title), description: `${id} · ${demandLine(item)}` } : { label: id, description: '' };
}

/** Opens a changed file at a line; arguments come from a row, checked all the same. */
function openLines(uri: unknown, line: unknown): void {
  if (!(uri instanceof vscode.Uri) || uri.scheme !== 'file' || typeof line !== 'number' || !Number.isInteger(line) || line < 1) {
    return;
  }
  const position = new vscode.Position(line - 1, 0);
  void vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
}
