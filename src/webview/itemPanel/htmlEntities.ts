// Stands in for the `entities` package in the webview bundles: esbuild.js
// resolves markdown-it's `import { decodeHTMLStrict } from 'entities'` here.
// The package carries all 2,231 HTML character references as an 18 KB table
// (plus 5 KB of decoder), in both bundles; the webview's own HTML parser
// already knows them all. So a reference is decoded by that parser, as the
// text of a <textarea> in a document of its own that is never shown: a
// textarea holds text only, so no element can come of it, and only a lone
// `&name;` or `&#…;` is ever handed to it (markdown-it passes nothing else,
// and it is checked again here). test/unit/htmlEntities.test.ts holds this
// to the package's answers.

/** One character reference, as markdown-it finds them (`&([a-z#][a-z0-9]{1,31});`, case-insensitive). */
const REFERENCE = /^&#?[a-z0-9]{1,32};$/i;

let decoder: HTMLTextAreaElement | undefined;

/** The text `reference` stands for, or `reference` itself when it is not a complete, known one (strict: the `;` is required). */
export function decodeHTMLStrict(reference: string): string {
  if (!REFERENCE.test(reference)) {
    return reference;
  }
  decoder ??= document.implementation.createHTMLDocument('').createElement('textarea');
  decoder.innerHTML = reference;
  const decoded = decoder.value;
  // The HTML parser also takes a legacy name without its `;` and keeps the rest
  // as text (`&notit;` → `¬it;`); strict decoding does not. Only `&semi;` means `;`.
  return decoded.endsWith(';') && reference !== '&semi;' ? reference : decoded;
}
