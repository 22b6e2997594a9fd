// The reply composer under the item panel's thread: our outgoing replies
// (sending, pending, sent), then the same Composer as the Conversation view.
import type { ComposerMessage } from '../../shared/composerProtocol';
import type { ComposerStateMessage, PanelStrings } from '../../shared/itemPanelProtocol';
import { Composer } from '../conversation/composer';
import { renderOutgoing } from '../conversation/thread';
import { el } from './dom';
import type { MarkdownRenderer } from './markdown';

export class PanelComposerView {
  readonly element = el('section', 'panel-composer');
  private readonly outgoing = el('ol', 'thread outgoing-list');
  private composer: Composer | undefined;

  constructor(
    private readonly itemId: string,
    private readonly markdown: MarkdownRenderer,
    private readonly post: (message: ComposerMessage) => void,
  ) {}

  update(message: ComposerStateMessage, panelStrings: PanelStrings): void {
    if (!this.composer) {
      this.composer = new Composer({ strings: message.strings, markdown: this.markdown, post: this.post });
      this.element.replaceChildren(this.outgoing, this.composer.element);
    }
    this.composer.setReplyOptions(message.canInternal, message.audience);
    if (message.draft) {
      this.composer.setDraft(this.itemId, message.draft);
    }
    const strings = { team: panelStrings.team, internal: panelStrings.internal, composer: message.strings };
    this.outgoing.replaceChildren(...message.outgoing.map((reply) => renderOutgoing({ strings, markdown: this.markdown }, reply)));
    this.outgoing.hidden = message.outgoing.length === 0;
  }

  /** "Draft saved" under the thread's composer (it checks the text is still the one written). */
  draftSaved(itemId: string, body: string): void {
    this.composer?.draftSaved(itemId, body);
  }

  flush(): void {
    this.composer?.flush();
  }
}
