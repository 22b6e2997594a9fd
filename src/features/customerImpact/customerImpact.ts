// Customer impact, put together: the impact of the current changes (kept by
// ImpactService), the Customer Impact views, the lenses and hovers in the
// editor, and the commands: Copy Customer Impact (a markdown block for a pull
// request), Add Trailers for Affected Items (to the commit message), and the
// ones the rows and lenses run. It reads items through the session and links,
// trade-offs and the branch's item from what the composition root hands it.
import * as vscode from 'vscode';
import type { SessionItems } from '../../core/sessionItems';
import { Disposable } from '../../platform/disposable';
import { describeError } from '../../platform/errorText';
import type { Git, Repository } from '../../platform/git';
import { ImpactEditor } from './impactEditor';
import type { ImpactService, ImpactSources, TradeOffLocation } from './impactService';
import { notLoaded } from './impactState';
import type { ImpactState } from './impactState';
import { ImpactTree } from './impactTree';

export interface CustomerImpactDeps {
  readonly git: Git;
  /** Items are read through the sessions: the rows the view loaded, their details, else the tracker. */
  readonly items: Pick<SessionItems, 'findItem' | 'summary' | 'details' | 'onDidChangeLists' | 'onDidChangeDetail'>;
  readonly linkedByRepository: () => Promise<Map<string, Map<string, string[]>>>;
  readonly onDidChangeLinks: (listener: () => void) => vscode.Disposable;
  readonly tradeOffs: () => readonly TradeOffLocation[];
  readonly onDidChangeTradeOffs: (listener: () => void) => vscode.Disposable;
  readonly branchItemOf: (repo: Repository) => string | undefined;
  /** The trailer that links a commit to an item; undefined without a tracker. */
  readonly trailerFor: (itemId: string) => { key: string; value: string } | undefined;
  readonly log: (line: string) => void;
}

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
    const { items } = this.deps;
    return {
      ...this.deps,
      loadedItem: (id) => items.findItem(id),
      readItem: (id) => items.summary(id),
      customersOf: (id) => items.details.get(id)?.item.value?.customers,
      onDidChangeItems: (listener) => {
        const lists = items.onDidChangeLists(listener);
        const details = items.onDidChangeDetail(listener);
        return { dispose: () => (lists.dispose(), details.dispose()) };
      },
    };
  }

  private registerCommands(): void {
    // Literal ids: test/unit/manifest.test.ts matches what is registered against the manifest.
    this._register(vscode.commands.registerCommand('feedbackLoop.refreshImpact', async () => (await this.loaded()).refresh()));
    // What they do is in the impact bundle (impactCommands.ts), with the engine they read.
    const run = (command: 'copyImpact' | 'addImpactTrailers' | 'showImpactItems') => async (arg: unknown) => {
      const service = await this.loaded();
      await (await import('./impactCommands'))[command](service, this.deps, arg);
    };
    this._register(vscode.commands.registerCommand('feedbackLoop.copyCustomerImpact', run('copyImpact')));
    this._register(vscode.commands.registerCommand('feedbackLoop.addImpactTrailers', run('addImpactTrailers')));
    this._register(vscode.commands.registerCommand('feedbackLoop.showImpactItems', run('showImpactItems')));
    this._register(vscode.commands.registerCommand('feedbackLoop.openImpactReason', (uri: unknown, line: unknown) => openLines(uri, line)));
  }
}

/** Opens a changed file at a line; arguments come from a row, checked all the same. */
function openLines(uri: unknown, line: unknown): void {
  if (!(uri instanceof vscode.Uri) || uri.scheme !== 'file' || typeof line !== 'number' || !Number.isInteger(line) || line < 1) {
    return;
  }
  const position = new vscode.Position(line - 1, 0);
  void vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
}
