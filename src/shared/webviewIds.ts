// The ids VS Code knows the webviews by (package.json's view, a panel's
// serializer). Apart from the protocols, whose schemas load with the
// webviews' host code (dist/itemPanel.js, dist/conversation.js), so that
// registering the webviews at activation loads no schema.

/** The item panel's webview panel type, also the key of its serializer. */
export const ITEM_PANEL_VIEW_TYPE = 'feedbackLoop.itemPanel';

/** The Conversation view (package.json `contributes.views`). */
export const CONVERSATION_VIEW_ID = 'feedbackLoop.conversation';
