// The messages between the extension host and the item panel webview. The
// host validates everything the webview posts with these schemas (a webview
// is a page showing customer text, so its messages are not trusted); the
// webview imports the types only, which keeps zod out of its bundle.
//
// The data shapes here are the panel's own: plain data mirroring core's
// model (shared/ may import only zod). The host maps core → panel.
import * as z from 'zod/mini';
import { composerDraftSchema, composerHostMessageSchemas, composerMessageSchemas, composerStringsSchema, outgoingReplySchema, replyAudienceSchema } from './composerProtocol';

// Mirrors core's STATUSES: the host's mapper assigns a core Status to this
// type, so a status added to core and not here fails the type-check.
export const PANEL_STATUSES = ['open', 'under-review', 'planned', 'in-progress', 'shipped', 'closed'] as const;
export const panelStatusSchema = z.enum(PANEL_STATUSES);
export type PanelStatus = z.infer<typeof panelStatusSchema>;

export const panelMoneySchema = z.object({
  amount: z.number().check(z.nonnegative()),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')),
});
export type PanelMoney = z.infer<typeof panelMoneySchema>;

/** One request of a customer: their words, shown as plain text, and where they wrote them. */
export const panelCustomerRequestSchema = z.object({
  quote: z.string(),
  /** An http(s) page the host may open ("Open Source Conversation"); null when there is none. */
  sourceUrl: z.nullable(z.string()),
});
export type PanelCustomerRequest = z.infer<typeof panelCustomerRequestSchema>;

export const panelCustomerSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  company: z.nullable(z.string()),
  revenue: z.nullable(panelMoneySchema),
  /** The tracker's name for the customer's tier ("Enterprise"); null when unknown. */
  tier: z.nullable(z.string()),
  requests: z.array(panelCustomerRequestSchema),
});
export type PanelCustomer = z.infer<typeof panelCustomerSchema>;

export const panelItemSchema = z.object({
  id: z.string().check(z.minLength(1)),
  title: z.string(),
  status: panelStatusSchema,
  votes: z.number().check(z.int(), z.nonnegative()),
  /** What `votes` counts: votes, or customer requests (Linear). */
  demandUnit: z.enum(['votes', 'requests']),
  customerCount: z.number().check(z.int(), z.nonnegative()),
  revenue: z.nullable(panelMoneySchema),
  tags: z.array(z.string()),
  /** Markdown written by customers or the team: rendered sanitised, never trusted. */
  description: z.string(),
  customers: z.array(panelCustomerSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The item's page in the tracker; null when the tracker has none. */
  url: z.nullable(z.string()),
});
export type PanelItem = z.infer<typeof panelItemSchema>;

export const panelCommentSchema = z.object({
  id: z.string().check(z.minLength(1)),
  authorName: z.string(),
  authorRole: z.enum(['customer', 'team']),
  /** An internal note: visible to the team only, marked as such. */
  internal: z.boolean(),
  createdAt: z.string(),
  /** Markdown, rendered sanitised. */
  body: z.string(),
});
export type PanelComment = z.infer<typeof panelCommentSchema>;

/** A trade-off of the item: a decision on code lines, from the workspace file or the tracker. */
export const panelTradeOffSchema = z.object({
  id: z.string().check(z.minLength(1)),
  summary: z.string(),
  /** Markdown, rendered sanitised. */
  rationale: z.string(),
  author: z.string(),
  path: z.string(),
  startLine: z.number().check(z.int(), z.gte(1)),
  endLine: z.number().check(z.int(), z.gte(1)),
  /** Its code is gone from the workspace: shown, with no link. */
  detached: z.boolean(),
  resolved: z.boolean(),
  /** In this workspace's .feedback/tradeoffs.json: its place is a link. */
  inWorkspace: z.boolean(),
});
export type PanelTradeOff = z.infer<typeof panelTradeOffSchema>;

/** A commit linked to the item: from the tracker, from history scanning here, or both. */
export const panelLinkedCommitSchema = z.object({
  sha: z.string().check(z.regex(/^[0-9a-f]{7,40}$/)),
  subject: z.string(),
  author: z.string(),
  committedAt: z.string(),
  repository: z.string(),
  /** The local repository holding it: its changes can be opened. Null when it is not here. */
  root: z.nullable(z.string()),
  /** Null when unknown (the commit is not in a local repository). */
  onDefaultBranch: z.nullable(z.boolean()),
  tags: z.array(z.string()),
});
export type PanelLinkedCommit = z.infer<typeof panelLinkedCommitSchema>;

/** Every text the webview shows that is not data, localised by the host (vscode.l10n runs there). */
export const panelStringsSchema = z.object({
  loading: z.string(),
  refreshing: z.string(),
  retry: z.string(),
  openInTracker: z.string(),
  votes: z.string(),
  requests: z.string(),
  customers: z.string(),
  revenue: z.string(),
  tags: z.string(),
  description: z.string(),
  noDescription: z.string(),
  noCustomers: z.string(),
  /** The button under a customer's quote that opens where they wrote it. */
  openSourceConversation: z.string(),
  /** Read before a customer's tier badge ("Tier: Enterprise"). */
  tier: z.string(),
  comments: z.string(),
  noComments: z.string(),
  tradeoffs: z.optional(z.string()),
  /** The linked-commits section's texts (absent from hosts without commit links). */
  links: z.optional(z.object({ heading: z.string(), none: z.string(), linkPastCommit: z.string(), onDefaultBranch: z.string(), notOnDefaultBranch: z.string(), notHere: z.string() })),
  customer: z.string(),
  team: z.string(),
  internal: z.string(),
  staleNotice: z.string(),
  statuses: z.record(panelStatusSchema, z.string()),
  /** Beside a status the tracker has not confirmed yet. */
  statusPending: z.string(),
});
export type PanelStrings = z.infer<typeof panelStringsSchema>;

/** What the webview keeps in `setState`, and the serializer restores from. */
export const panelStateSchema = z.object({ itemId: z.string().check(z.minLength(1)) });
export type PanelState = z.infer<typeof panelStateSchema>;

// ── host → webview ────────────────────────────────────────────────────────

/** Host → webview, first after every `ready`: which item this panel shows, the locale and the texts. */
export const initMessageSchema = z.object({
  type: z.literal('init'),
  itemId: z.string().check(z.minLength(1)),
  /** A BCP 47 tag (vscode.env.language) for dates and money. */
  locale: z.string(),
  strings: panelStringsSchema,
});
export type InitMessage = z.infer<typeof initMessageSchema>;

/** Host → webview, while the item is being fetched: the webview shows progress and keeps any content it has. */
export const loadingMessageSchema = z.object({ type: z.literal('loading') });
export type LoadingMessage = z.infer<typeof loadingMessageSchema>;

/**
 * Host → webview, when the item and its comments arrived, or when a later
 * fetch failed and this last good content stays on screen: then `stale`
 * says why the refresh failed.
 */
export const itemMessageSchema = z.object({
  type: z.literal('item'),
  item: panelItemSchema,
  comments: z.array(panelCommentSchema),
  /** Absent from hosts that do not know trade-offs. */
  tradeoffs: z.optional(z.array(panelTradeOffSchema)),
  /** Absent from hosts that do not know commit links. */
  links: z.optional(z.array(panelLinkedCommitSchema)),
  /**
   * Sections still on their way, each shown as loading: `details` (the
   * description and customers: `item` holds only the list row's fields
   * meanwhile), `comments`, `links`.
   */
  loading: z.optional(z.array(z.enum(['details', 'comments', 'links']))),
  /** The status shown is a change sent through the outbox, not yet confirmed by the tracker. */
  statusPending: z.optional(z.boolean()),
  stale: z.optional(z.object({ message: z.string() })),
});
export type ItemMessage = z.infer<typeof itemMessageSchema>;

/** Host → webview, when the fetch failed and there is nothing to show: the reason, and a Retry button. */
export const errorMessageSchema = z.object({ type: z.literal('error'), message: z.string() });
export type ErrorMessage = z.infer<typeof errorMessageSchema>;

/**
 * Host → webview, after `ready` and whenever our replies to this item change:
 * the composer under the thread, with our outgoing replies. `draft` only when
 * the composer's text must be replaced (a new page, a refused reply).
 */
export const composerStateSchema = z.object({
  type: z.literal('composer'),
  strings: composerStringsSchema,
  outgoing: z.array(outgoingReplySchema),
  canInternal: z.boolean(),
  audience: replyAudienceSchema,
  draft: z.optional(composerDraftSchema),
});
export type ComposerStateMessage = z.infer<typeof composerStateSchema>;

export const hostMessageSchema = z.discriminatedUnion('type', [
  initMessageSchema,
  loadingMessageSchema,
  itemMessageSchema,
  errorMessageSchema,
  composerStateSchema,
  // "Draft saved": see composerProtocol.ts.
  ...composerHostMessageSchemas,
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

// ── webview → host ────────────────────────────────────────────────────────

/** Webview → host, once its script runs (again after each reload of a hidden panel): the host may now post. */
export const readyMessageSchema = z.object({ type: z.literal('ready') });
export type ReadyMessage = z.infer<typeof readyMessageSchema>;

/**
 * Webview → host, when the user clicks "Open in tracker", "Open Source
 * Conversation" or a link in rendered markdown: the webview never navigates; the host checks the scheme
 * and opens the browser.
 */
export const openExternalMessageSchema = z.object({
  type: z.literal('openExternal'),
  url: z.string().check(z.minLength(1), z.maxLength(8192)),
});
export type OpenExternalMessage = z.infer<typeof openExternalMessageSchema>;

/** Webview → host, when the user clicks a trade-off's place: the host opens the workspace file there. */
export const openLocationMessageSchema = z.object({
  type: z.literal('openLocation'),
  path: z.string().check(z.minLength(1), z.maxLength(4096)),
  line: z.number().check(z.int(), z.gte(1)),
});
export type OpenLocationMessage = z.infer<typeof openLocationMessageSchema>;

/** Webview → host, when the user clicks a linked commit: the host opens its changes (the root must be an open repository). */
export const openCommitMessageSchema = z.object({
  type: z.literal('openCommit'),
  root: z.string().check(z.minLength(1), z.maxLength(4096)),
  sha: z.string().check(z.regex(/^[0-9a-f]{7,40}$/)),
});
export type OpenCommitMessage = z.infer<typeof openCommitMessageSchema>;

/** Webview → host, when the user clicks "Link a past commit": the host shows the commit picker. */
export const linkPastCommitMessageSchema = z.object({ type: z.literal('linkPastCommit') });
export type LinkPastCommitMessage = z.infer<typeof linkPastCommitMessageSchema>;

/** Webview → host, when the user clicks Retry after a failed fetch. */
export const retryMessageSchema = z.object({ type: z.literal('retry') });
export type RetryMessage = z.infer<typeof retryMessageSchema>;

export const webviewMessageSchema = z.discriminatedUnion('type', [
  readyMessageSchema,
  openExternalMessageSchema,
  retryMessageSchema,
  openLocationMessageSchema,
  openCommitMessageSchema,
  linkPastCommitMessageSchema,
  // Save a draft, send a reply, change the status: see composerProtocol.ts.
  ...composerMessageSchemas,
]);
export type WebviewMessage = z.infer<typeof webviewMessageSchema>;
