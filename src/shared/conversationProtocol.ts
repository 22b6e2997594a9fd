// The messages between the extension host and the Conversation view, and the
// composer messages the item panel shares. The host validates everything a
// webview posts with these schemas; the webviews import types only.
import * as z from 'zod';
import { panelCommentSchema, panelStatusSchema } from './itemPanelProtocol';

export const CONVERSATION_VIEW_ID = 'feedbackLoop.conversation';

export const replyVisibilitySchema = z.enum(['public', 'internal']);
export type ReplyVisibility = z.infer<typeof replyVisibilitySchema>;

/** A reply of ours not yet in the fetched thread: being sent, waiting to be retried, or just confirmed. */
export const outgoingReplySchema = z.object({
  id: z.string().min(1),
  body: z.string(),
  visibility: replyVisibilitySchema,
  state: z.enum(['sending', 'pending', 'sent']),
  /** Why the last attempt failed (pending only). */
  error: z.string().optional(),
});
export type OutgoingReply = z.infer<typeof outgoingReplySchema>;

/** The composer's draft as restored by the host. */
export const composerDraftSchema = z.object({
  body: z.string().max(10_000),
  visibility: replyVisibilitySchema,
  /** The tracker refused this reply when sent: its reason, shown above the draft. */
  refusal: z.string().optional(),
});
export type ComposerDraft = z.infer<typeof composerDraftSchema>;

export const composerStringsSchema = z.object({
  placeholder: z.string(),
  write: z.string(),
  preview: z.string(),
  send: z.string(),
  sendHint: z.string(),
  publicReply: z.string(),
  publicHint: z.string(),
  internalNote: z.string(),
  internalHint: z.string(),
  changeStatus: z.string(),
  sending: z.string(),
  pending: z.string(),
  sent: z.string(),
  refused: z.string(),
  nothingToPreview: z.string(),
});
export type ComposerStrings = z.infer<typeof composerStringsSchema>;

export const conversationStringsSchema = z.object({
  composer: composerStringsSchema,
  noItem: z.string(),
  loading: z.string(),
  retry: z.string(),
  noComments: z.string(),
  customer: z.string(),
  team: z.string(),
  internal: z.string(),
  statuses: z.record(panelStatusSchema, z.string()),
});
export type ConversationStrings = z.infer<typeof conversationStringsSchema>;

// ── host → webview ────────────────────────────────────────────────────────

/** Host → webview, first after every `ready`: locale and texts. */
export const conversationInitSchema = z.object({ type: z.literal('init'), locale: z.string(), strings: conversationStringsSchema });

/**
 * Host → webview, whenever anything shown changes: the followed item (null
 * when none is selected), its thread oldest first, our outgoing replies, and
 * whether internal notes are possible. Never the draft (see `draft`).
 */
export const conversationStateSchema = z.object({
  type: z.literal('state'),
  item: z.object({ id: z.string().min(1), title: z.string(), status: panelStatusSchema }).nullable(),
  comments: z.array(panelCommentSchema),
  outgoing: z.array(outgoingReplySchema),
  loading: z.boolean(),
  error: z.string().optional(),
  canInternal: z.boolean(),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

/** Host → webview, when the followed item changes or a refused reply came back: replaces the composer's text. */
export const draftMessageSchema = z.object({ type: z.literal('draft'), itemId: z.string().min(1), draft: composerDraftSchema });
export type DraftMessage = z.infer<typeof draftMessageSchema>;

export const conversationHostMessageSchema = z.discriminatedUnion('type', [conversationInitSchema, conversationStateSchema, draftMessageSchema]);
export type ConversationHostMessage = z.infer<typeof conversationHostMessageSchema>;

// ── webview → host (the composer's messages are shared with the item panel) ──

/** Webview → host, as the user types (the webview debounces): the draft to keep. */
export const saveDraftSchema = z.object({
  type: z.literal('saveDraft'),
  itemId: z.string().min(1),
  body: z.string().max(10_000),
  visibility: replyVisibilitySchema,
});

/** Webview → host, on Send or Ctrl/Cmd+Enter: the reply to queue in the outbox. */
export const sendReplySchema = z.object({
  type: z.literal('sendReply'),
  itemId: z.string().min(1),
  body: z.string().trim().min(1).max(10_000),
  visibility: replyVisibilitySchema,
  /** When the user pressed send (performance.now() of the page), for the benchmark. */
  sentAt: z.number().optional(),
});
export type SendReplyMessage = z.infer<typeof sendReplySchema>;

/** Webview → host, on "Change status…": the host asks which status and an optional message. */
export const changeStatusSchema = z.object({ type: z.literal('changeStatus'), itemId: z.string().min(1) });

export const composerMessageSchemas = [saveDraftSchema, sendReplySchema, changeStatusSchema] as const;

export const conversationWebviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('retry') }),
  z.object({ type: z.literal('openExternal'), url: z.string().min(1).max(8192) }),
  ...composerMessageSchemas,
]);
export type ConversationWebviewMessage = z.infer<typeof conversationWebviewMessageSchema>;
export type ComposerMessage = z.infer<(typeof composerMessageSchemas)[number]>;
