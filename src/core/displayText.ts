// Text from customers and trackers, made safe to show in the editor's own UI
// (tree rows, quick picks, tab titles). A title holding U+202E shows "evil"
// as "live"; an unclosed isolate flips the words of whatever we print after
// it ("FB-12 · title (resolved)"). So the explicit bidi controls go:
//
// - embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069)
//   are removed. They are never needed to read one line of text correctly:
//   the bidi algorithm orders plain Hebrew or Arabic by itself.
// - the marks (LRM U+200E, RLM U+200F, ALM U+061C) stay: RTL writers use them
//   to place punctuation, and they only direct neutral characters, so they
//   cannot reverse letters or move a neighbouring field.
//
// Webviews isolate each field as well (`dir="auto"`), which this cannot do.

/** Embeddings, overrides, their terminator, and the isolates. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** The text without bidi embeddings, overrides or isolates; line breaks kept (tooltips, details). */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** For one-line UI: no bidi controls, every run of whitespace (line breaks too) one space, trimmed. */
export function singleLineText(text: string): string {
  return withoutBidiControls(text).replace(/\s+/g, ' ').trim();
}
