// The reply composer, shared by the Conversation view and the item panel:
// markdown with a preview (the item panel's sanitising renderer), public or
// internal chosen explicitly and stated next to the Send button, Ctrl/Cmd+
// Enter to send, the draft posted to the host as the user types, and a quiet
// "Draft saved" once the host has written exactly what the box holds.
import type { ComposerDraft, ComposerMessage, ComposerStrings, ReplyVisibility } from '../../shared/conversationProtocol';
import type { ReplyAudience } from '../../shared/composerProtocol';
import { button, el } from '../itemPanel/dom';
import type { MarkdownRenderer } from '../itemPanel/markdown';

/** Below the 500 ms promise: the host adds no delay of its own before the draft is kept. */
const DRAFT_DEBOUNCE_MS = 200;

export interface ComposerOptions {
  readonly strings: ComposerStrings;
  readonly markdown: MarkdownRenderer;
  readonly post: (message: ComposerMessage) => void;
}

export class Composer {
  readonly element: HTMLElement;
  private readonly textarea = el('textarea', 'composer-input');
  private readonly preview = el('div', 'markdown composer-preview');
  private readonly refusal = el('div', 'banner banner-error composer-refusal');
  private readonly hint = el('span', 'composer-hint');
  /** Not a live region: announcing every pause in typing would be noise; it is there to be read. */
  private readonly saved = el('span', 'composer-saved');
  private readonly sendButton: HTMLButtonElement;
  private readonly radios: Record<ReplyVisibility, HTMLInputElement>;
  private readonly internalChoice: HTMLElement;
  private readonly publicLabel = el('span', 'choice-text');
  private audience: ReplyAudience = 'customers';
  private itemId: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: ComposerOptions) {
    const s = options.strings;
    this.textarea.placeholder = s.placeholder;
    this.textarea.rows = 4;
    this.textarea.setAttribute('aria-label', s.placeholder);
    this.textarea.addEventListener('input', () => {
      this.saved.hidden = true;
      this.markText();
      this.draftChanged();
    });
    this.textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.send();
      }
    });
    this.preview.hidden = true;
    this.refusal.hidden = true;
    this.refusal.setAttribute('role', 'alert');
    this.saved.textContent = s.draftSaved;
    this.saved.hidden = true;
    this.publicLabel.textContent = s.publicReply;
    const publicChoice = this.choice('public', this.publicLabel);
    this.internalChoice = this.choice('internal', s.internalNote);
    this.radios = { public: publicChoice.querySelector('input')!, internal: this.internalChoice.querySelector('input')! };
    this.radios.public.checked = true;
    const visibility = el('fieldset', 'composer-visibility', publicChoice, this.internalChoice);
    this.sendButton = button('primary composer-send', s.send, () => this.send());
    this.sendButton.title = s.sendHint;
    const tabs = el('div', 'composer-tabs', button('tab', s.write, () => this.showPreview(false)), button('tab', s.preview, () => this.showPreview(true)));
    const changeStatus = button('secondary composer-status', s.changeStatus, () => this.itemId && options.post({ type: 'changeStatus', itemId: this.itemId }));
    // Tab order as read: the text, public or internal, Send, then the status change.
    const actions = el('div', 'composer-actions', visibility, this.hint, el('span', 'spacer'), this.saved, this.sendButton, changeStatus);
    this.element = el('form', 'composer', this.refusal, tabs, this.textarea, this.preview, actions);
    this.element.addEventListener('submit', (event) => event.preventDefault());
    this.updateHint();
  }

  /** Shows this item's draft (replacing what is in the box). */
  setDraft(itemId: string, draft: ComposerDraft): void {
    this.flush();
    this.itemId = itemId;
    this.saved.hidden = true;
    this.textarea.value = draft.body;
    this.radios[draft.visibility].checked = true;
    this.refusal.hidden = draft.refusal === undefined;
    this.refusal.textContent = draft.refusal === undefined ? '' : `${this.options.strings.refused} ${draft.refusal}`;
    this.showPreview(false);
    this.updateHint();
    this.markText();
  }

  /** The host wrote this item's draft to storage: "Draft saved", if the box still holds exactly that text. */
  draftSaved(itemId: string, body: string): void {
    this.saved.hidden = itemId !== this.itemId || body === '' || body !== this.draftBody();
  }

  /** What the tracker offers: internal notes or not, and who reads a public reply. */
  setReplyOptions(canInternal: boolean, audience: ReplyAudience): void {
    this.internalChoice.hidden = !canInternal;
    if (!canInternal && this.radios.internal.checked) {
      this.radios.public.checked = true;
    }
    this.audience = audience;
    this.publicLabel.textContent = this.publicText();
    this.updateHint();
  }

  /** The public choice's name: where only the workspace reads it, it is not a reply to customers. */
  private publicText(): string {
    return this.audience === 'workspace' ? this.options.strings.workspaceComment : this.options.strings.publicReply;
  }

  /** Posts a draft still waiting for its debounce (before the page goes away or the item changes). */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.postDraft();
    }
  }

  /** A composer holding text stays open (a sidebar folds an empty, unfocused one to one line). */
  private markText(): void {
    this.element.classList.toggle('composer-has-text', this.textarea.value !== '');
  }

  private choice(value: ReplyVisibility, label: string | HTMLElement): HTMLElement {
    const input = el('input', `visibility-${value}`);
    input.type = 'radio';
    input.name = 'visibility';
    input.value = value;
    input.addEventListener('change', () => {
      this.saved.hidden = true;
      this.updateHint();
      this.draftChanged();
    });
    return el('label', `composer-choice choice-${value}`, input, label);
  }

  private get visibility(): ReplyVisibility {
    return this.radios.internal.checked ? 'internal' : 'public';
  }

  private updateHint(): void {
    const internal = this.visibility === 'internal';
    const s = this.options.strings;
    this.hint.textContent = internal ? s.internalHint : this.audience === 'workspace' ? s.workspaceHint : s.publicHint;
    this.element.classList.toggle('composer-internal', internal);
    this.sendButton.textContent = `${s.send} · ${internal ? s.internalNote : this.publicText()}`;
  }

  private showPreview(on: boolean): void {
    this.textarea.hidden = on;
    this.preview.hidden = !on;
    if (on) {
      const text = this.textarea.value;
      this.preview.replaceChildren(text.trim() ? this.options.markdown.toFragment(text) : el('p', 'empty', this.options.strings.nothingToPreview));
    }
  }

  private draftChanged(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.postDraft();
    }, DRAFT_DEBOUNCE_MS);
  }

  private postDraft(): void {
    if (this.itemId !== undefined) {
      this.options.post({ type: 'saveDraft', itemId: this.itemId, body: this.draftBody(), visibility: this.visibility });
    }
  }

  /** The text as kept in a draft (the protocol's limit). */
  private draftBody(): string {
    return this.textarea.value.slice(0, 10_000);
  }

  private send(): void {
    const body = this.textarea.value.trim();
    if (this.itemId === undefined || body === '') {
      return;
    }
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.options.post({ type: 'sendReply', itemId: this.itemId, body, visibility: this.visibility, sentAt: performance.now() });
    this.textarea.value = '';
    this.saved.hidden = true;
    this.refusal.hidden = true;
    this.showPreview(false);
  }
}
