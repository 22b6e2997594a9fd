// The messages between the extension host and the Conversation view, and the
// composer messages the item panel shares. The host validates everything a
// webview posts with these schemas; the webviews import types only.
import * as z from 'zod/mini';
import { composerDraftSchema, composerHostMessageSchemas, composerMessageSchemas, composerStringsSchema, outgoingReplySchema, replyAudienceSchema } from './composerProtocol';
import { panelCommentSchema, panelStatusSchema } from './itemPanelProtocol';

export type { ComposerDraft, ComposerMessage, ComposerStrings, DraftSavedMessage, OutgoingReply, ReplyVisibility, SendReplyMessage } from './composerProtocol';

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
  /** Beside a status the tracker has not confirmed yet. */
  statusPending: z.string(),
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
  /** `statusPending`: the status is a change sent through the outbox, not yet confirmed by the tracker. */
  item: z.nullable(z.object({ id: z.string().check(z.minLength(1)), title: z.string(), status: panelStatusSchema, statusPending: z.optional(z.boolean()) })),
  comments: z.array(panelCommentSchema),
  outgoing: z.array(outgoingReplySchema),
  loading: z.boolean(),
  error: z.optional(z.string()),
  canInternal: z.boolean(),
  audience: replyAudienceSchema,
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

/** Host → webview, when the followed item changes or a refused reply came back: replaces the composer's text. */
export const draftMessageSchema = z.object({ type: z.literal('draft'), itemId: z.string().check(z.minLength(1)), draft: composerDraftSchema });
export type DraftMessage = z.infer<typeof draftMessageSchema>;

export const conversationHostMessageSchema = z.discriminatedUnion('type', [
  conversationInitSchema,
  conversationStateSchema,
  draftMessageSchema,
  // "Draft saved": see composerProtocol.ts.
  ...composerHostMessageSchemas,
]);
export type ConversationHostMessage = z.infer<typeof conversationHostMessageSchema>;

export const conversationWebviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('retry') }),
  z.object({ type: z.literal('openExternal'), url: z.string().check(z.minLength(1), z.maxLength(8192)) }),
  ...composerMessageSchemas,
]);
export type ConversationWebviewMessage = z.infer<typeof conversationWebviewMessageSchema>;
