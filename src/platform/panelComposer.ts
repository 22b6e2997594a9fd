// The reply composer under the item panel's thread: the conversation feature
// provides it (drafts, the outbox), close the loop wraps it, the item panel
// shows it. Here because features do not import each other.
import type { ComposerDraft, ComposerStrings, OutgoingReply, ReplyVisibility } from '../shared/composerProtocol';

/** What the panel's composer needs: drafts, sending, our outgoing replies, the status command. */
export interface PanelComposer {
  readonly strings: ComposerStrings;
  draft(itemId: string): ComposerDraft | undefined;
  saveDraft(itemId: string, body: string, visibility: ReplyVisibility): void;
  send(itemId: string, body: string, visibility: ReplyVisibility): boolean;
  outgoing(itemId: string): OutgoingReply[];
  changeStatus(itemId: string): void;
  onDidChange(listener: () => void): { dispose(): void };
  onDidReturnDraft(listener: (itemId: string) => void): { dispose(): void };
  /** An item's draft reached storage (its body as written; empty when removed): the composer may say "Draft saved". */
  onDidSaveDraft(listener: (saved: { readonly itemId: string; readonly body: string }) => void): { dispose(): void };
}
