// The reply composer's part of the protocol, shared by the Conversation view
// and the item panel: its data, texts and the messages it posts. Imports
// nothing of either webview's protocol, so both can import it.
import * as z from 'zod/mini';

export const replyVisibilitySchema = z.enum(['public', 'internal']);

/** Who reads a public reply: the customers, or only the tracker's workspace (Linear). */
export const replyAudienceSchema = z.enum(['customers', 'workspace']);
export type ReplyAudience = z.infer<typeof replyAudienceSchema>;
export type ReplyVisibility = z.infer<typeof replyVisibilitySchema>;

/** A reply of ours not yet in the fetched thread: being sent, waiting to be retried, or just confirmed. */
export const outgoingReplySchema = z.object({
  id: z.string().check(z.minLength(1)),
  body: z.string(),
  visibility: replyVisibilitySchema,
  state: z.enum(['sending', 'pending', 'sent']),
  /** Why the last attempt failed (pending only). */
  error: z.optional(z.string()),
});
export type OutgoingReply = z.infer<typeof outgoingReplySchema>;

/** The composer's draft as restored by the host. */
export const composerDraftSchema = z.object({
  body: z.string().check(z.maxLength(10_000)),
  visibility: replyVisibilitySchema,
  /** The tracker refused this reply when sent: its reason, shown above the draft. */
  refusal: z.optional(z.string()),
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
  /** The public choice where only the workspace reads replies, and what it tells. */
  workspaceComment: z.string(),
  workspaceHint: z.string(),
  internalNote: z.string(),
  internalHint: z.string(),
  changeStatus: z.string(),
  sending: z.string(),
  pending: z.string(),
  sent: z.string(),
  refused: z.string(),
  nothingToPreview: z.string(),
  /** Beside the actions once the text in the box has been written to storage. */
  draftSaved: z.string(),
});
export type ComposerStrings = z.infer<typeof composerStringsSchema>;

// ── host → webview ──────────────────────────────────────────────────────

/**
 * Host → webview, once the shown item's draft has been written to storage
 * (not just kept in memory): the composer says "Draft saved" if it still
 * holds exactly this text, until the next keystroke.
 */
export const draftSavedSchema = z.object({
  type: z.literal('draftSaved'),
  itemId: z.string().check(z.minLength(1)),
  body: z.string().check(z.maxLength(10_000)),
});
export type DraftSavedMessage = z.infer<typeof draftSavedSchema>;

export const composerHostMessageSchemas = [draftSavedSchema] as const;

export type ComposerHostMessage = z.infer<(typeof composerHostMessageSchemas)[number]>;

// ── webview → host ──────────────────────────────────────────────────────

/** Webview → host, as the user types (the webview debounces): the draft to keep. */
export const saveDraftSchema = z.object({
  type: z.literal('saveDraft'),
  itemId: z.string().check(z.minLength(1)),
  body: z.string().check(z.maxLength(10_000)),
  visibility: replyVisibilitySchema,
});

/** Webview → host, on Send or Ctrl/Cmd+Enter: the reply to queue in the outbox. */
export const sendReplySchema = z.object({
  type: z.literal('sendReply'),
  itemId: z.string().check(z.minLength(1)),
  body: z.string().check(z.trim(), z.minLength(1), z.maxLength(10_000)),
  visibility: replyVisibilitySchema,
  /** When the user pressed send (performance.now() of the page), for the benchmark. */
  sentAt: z.optional(z.number()),
});
export type SendReplyMessage = z.infer<typeof sendReplySchema>;

/** Webview → host, on "Change status…": the host asks which status and an optional message. */
export const changeStatusSchema = z.object({ type: z.literal('changeStatus'), itemId: z.string().check(z.minLength(1)) });

export const composerMessageSchemas = [saveDraftSchema, sendReplySchema, changeStatusSchema] as const;

export type ComposerMessage = z.infer<(typeof composerMessageSchemas)[number]>;
