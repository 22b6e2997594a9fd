// The customer impact where the code is: on a changed line that touches
// linked code or a trade-off, a CodeLens ("2 requests · 9 customers"; click:
// pick one to open) and a hover listing the items. Files of open repositories
// only; the lenses follow the impact, and the setting turns them off.
import * as vscode from 'vscode';
import * as path from 'node:path';
import type { ImpactedItem } from '../../core/impact/impact';
import { hintsFor } from '../../core/impact/perFile';
import type { ImpactHint } from '../../core/impact/perFile';
import { Disposable } from '../../platform/disposable';
import type { Git } from '../../platform/git';
import { itemHover } from '../../platform/itemHover';
import { readSetting } from '../../platform/settings';
import { hintText } from './impactText';
import type { ImpactState } from './impactState';

const SHOW_ITEMS_COMMAND = 'feedbackLoop.showImpactItems';

export class ImpactEditor extends Disposable implements vscode.CodeLensProvider, vscode.HoverProvider {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly state: () => ImpactState,
    onDidChange: vscode.Event<void>,
    private readonly git: Git,
  ) {
    super();
    const files = { scheme: 'file' };
    this._register(vscode.languages.registerCodeLensProvider(files, this));
    this._register(vscode.languages.registerHoverProvider(files, this));
    this._register(onDidChange(() => this.changed.fire()));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('feedbackLoop.impact.codeLens')) {
        this.changed.fire();
      }
    }));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!readSetting('impact.codeLens')) {
      return [];
    }
    return this.hints(document).map(({ line, items }) => {
      const range = new vscode.Range(line - 1, 0, line - 1, 0);
      return new vscode.CodeLens(range, { title: `$(comment-discussion) ${hintText(items)}`, command: SHOW_ITEMS_COMMAND, arguments: [items.map((entry) => entry.id)] });
    });
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const hint = this.hints(document).find(({ line }) => line === position.line + 1);
    if (!hint) {
      return undefined;
    }
    const parts = hint.items.map(({ id, item }) => itemHover(id, item));
    return new vscode.Hover(parts, document.lineAt(position.line).range);
  }

  /** The lines of `document` where changes touch items, with those items (most demanded first). */
  private hints(document: vscode.TextDocument): { line: number; items: ImpactedItem[] }[] {
    const repo = document.uri.scheme === 'file' ? this.git.repositoryFor(document.uri) : undefined;
    const { impact } = this.state();
    if (!repo || impact.items.length === 0) {
      return [];
    }
    const root = repo.rootUri.fsPath;
    const relative = path.relative(root, document.uri.fsPath).split(path.sep).join('/');
    const byId = new Map(impact.items.map((entry) => [entry.id, entry]));
    return hintsFor(impact, root, relative)
      .filter(({ line }: ImpactHint) => line <= document.lineCount)
      .map(({ line, itemIds }) => ({ line, items: itemIds.map((id) => byId.get(id)!) }));
  }
}
