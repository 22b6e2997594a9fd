// What markdown-it brings along that the webview bundles leave out (issue 17:
// each at most 120 KB). markdown-it imports both statically, so esbuild
// cannot drop them unaided:
// - linkify-it (11 KB, and the Unicode tables only it uses): markdown.ts
//   gives markdown-it GitHub's bare-URL rules (src/webview/itemPanel/autolinks.ts)
//   instead. The stand-in is the class markdown-it constructs; it throws if
//   it is ever asked for a link, so a change that relies on linkify-it again
//   fails loudly instead of silently linking nothing.
// - entities (23 KB, mostly the table of HTML character references):
//   src/webview/itemPanel/htmlEntities.ts decodes them with the webview's own
//   HTML parser.
// Unit tests run markdown.ts on the real packages; test/unit/markdown.test.ts
// also runs it as bundled with these stand-ins and expects the same HTML.
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

const linkifyItStandIn = [
  "const refuse = () => { throw new Error('linkify-it is not bundled in the webviews: markdown.ts gives markdown-it its own link matcher (scripts/build/webviewStandIns.js)'); };",
  'export class LinkifyIt { test() { return refuse(); } match() { return refuse(); } matchAtStart() { return refuse(); } }',
].join('\n');

/** The esbuild plugin for the webview bundles. */
function webviewStandInsPlugin() {
  return {
    name: 'webview-stand-ins',
    setup(build) {
      build.onResolve({ filter: /^linkify-it$/ }, (args) => ({ path: args.path, namespace: 'webview-stand-in' }));
      build.onLoad({ filter: /.*/, namespace: 'webview-stand-in' }, () => ({ contents: linkifyItStandIn, loader: 'js' }));
      build.onResolve({ filter: /^entities$/ }, () => ({ path: path.join(root, 'src/webview/itemPanel/htmlEntities.ts') }));
    },
  };
}

module.exports = { webviewStandInsPlugin };
