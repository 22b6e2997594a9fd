// A gutter mark and a hover on a trade-off's lines, and its place in the
// overview ruler, for the visible editors. Redrawn from the live places, so
// they follow the code as the user types.
import * as vscode from 'vscode';
import { lineSpan } from '../../core/tradeoffs/tradeoffView';
import { Disposable } from '../../platform/disposable';
import type { ItemInfo } from './itemInfo';
import type { TradeOffStore } from './tradeoffStore';

export class TradeOffDecorations extends Disposable {
  private readonly open: vscode.TextEditorDecorationType;
  private readonly resolved: vscode.TextEditorDecorationType;

  constructor(
    extensionUri: vscode.Uri,
    private readonly store: TradeOffStore,
    private readonly items: ItemInfo,
  ) {
    super();
    const gutter = (file: string): vscode.Uri => vscode.Uri.joinPath(extensionUri, 'media', file);
    this.open = this._register(
      vscode.window.createTextEditorDecorationType({
        gutterIconPath: gutter('tradeoff.svg'),
        gutterIconSize: '70%',
        overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.infoForeground'),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
        isWholeLine: true,
      }),
    );
    this.resolved = this._register(
      vscode.window.createTextEditorDecorationType({
        gutterIconPath: gutter('tradeoff-resolved.svg'),
        gutterIconSize: '70%',
        overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.commentResolvedForeground'),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
        isWholeLine: true,
      }),
    );
    this._register(store.onDidChange(() => this.redraw()));
    this._register(items.onDidChange(() => this.redraw()));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.redraw()));
  }

  redraw(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      this.draw(editor);
    }
  }

  private draw(editor: vscode.TextEditor): void {
    const path = vscode.workspace.asRelativePath(editor.document.uri, false);
    const open: vscode.DecorationOptions[] = [];
    const resolved: vscode.DecorationOptions[] = [];
    const inFolder = editor.document.uri.toString().startsWith(this.store.folder.uri.toString());
    for (const t of inFolder ? this.store.tradeOffs : []) {
      const place = this.store.live.place(t);
      if (t.location.path !== path || place.detached) {
        continue;
      }
      const hover = new vscode.MarkdownString();
      hover.isTrusted = false;
      hover.appendMarkdown('**');
      hover.appendText(vscode.l10n.t('Trade-off: {0}', t.summary));
      hover.appendMarkdown('**\n\n');
      hover.appendText(`${this.items.header(t.itemId)} · ${lineSpan(place)}`);
      const range = new vscode.Range(place.startLine - 1, 0, place.endLine - 1, 0);
      (t.state === 'resolved' ? resolved : open).push({ range, hoverMessage: hover });
    }
    editor.setDecorations(this.open, open);
    editor.setDecorations(this.resolved, resolved);
  }
}
