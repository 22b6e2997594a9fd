// Customer markdown → sanitised DOM. Two layers, because the text is hostile:
// markdown-it with `html: false` turns any raw HTML into text, and DOMPurify
// then keeps only the tags markdown produces and only links a user may open.
// Pure apart from the DOMPurify instance it is given, so tests run it in Node
// over jsdom.
//
// Why markdown-it (issue 17, measured on 64 kB hostile runs): it stays linear
// (0.3 s at worst, on `![` runs), where marked 18 took 42 s on `x*_` runs and
// 5 s on `_a` runs (emphasis is quadratic there) and overflowed the stack on
// nested `> `; micromark took over 10 s on several. What made it heavy in the
// webview bundles was its company: linkify-it (bare URLs, ./autolinks.ts now)
// and the `entities` table (./htmlEntities.ts now, see esbuild.js).
import MarkdownIt from 'markdown-it';
import type { Config, DOMPurify } from 'dompurify';
import { hasAutolink, matchAutolinkAtStart, matchAutolinks } from './autolinks';

/** Schemes a rendered link may carry: the host opens them in the browser. */
export const LINK_SCHEMES: readonly string[] = ['http:', 'https:', 'mailto:'];

// The only images shown inline: raster data, which loads nothing (an SVG can
// carry script). An image from the network would tell its author who read
// the item, from where and when (a tracking pixel), so the CSP blocks those
// and `renderImage` turns them into links.
const INLINE_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);/i;

/** Marks a remote image's link: no words, so nothing to translate. */
const IMAGE_MARK = '\u{1F5BC}';

// Exactly what markdown-it emits (tables and strikethrough included).
const ALLOWED_TAGS = [
  'a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'li',
  'ol', 'p', 'pre', 's', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
];
// No `class` (a customer must not borrow our styling, e.g. the "team" badge) and
// no `style` (the CSP forbids inline styles anyway).
const ALLOWED_ATTR = ['href', 'title', 'src', 'alt', 'start'];

const PURIFY_CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|gif|jpeg|webp);)/i,
};

export interface MarkdownRenderer {
  /** Sanitised DOM, ready to append: nothing is parsed from a string into the live page. */
  toFragment(markdown: string): DocumentFragment;
  /** The same, serialised (for tests and for inspection). */
  toHtml(markdown: string): string;
  /** The sanitiser alone, for HTML that did not come from our markdown renderer. */
  sanitize(html: string): string;
}

/** True for an absolute URL with one of LINK_SCHEMES. */
export function isAllowedLink(href: string): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false; // relative or malformed: nothing a browser should open
  }
  return LINK_SCHEMES.includes(url.protocol);
}

const hooked = new WeakSet<DOMPurify>();

/**
 * Builds the renderer on `purify` and adds its hooks to it: give it an
 * instance of its own (DOMPurify hooks are per instance).
 */
export function createMarkdownRenderer(purify: DOMPurify): MarkdownRenderer {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  // GitHub's bare-URL links instead of linkify-it's: the webview bundles carry a stand-in that throws.
  Object.assign(md.linkify, { test: hasAutolink, match: matchAutolinks, matchAtStart: matchAutolinkAtStart });
  const defaultValidate = md.validateLink.bind(md);
  md.validateLink = (url) => defaultValidate(url) && (isAllowedLink(url) || INLINE_IMAGE.test(url));
  md.renderer.rules.image = imageRule(md.renderer.rules.image);
  if (!hooked.has(purify)) {
    purify.addHook('afterSanitizeAttributes', restrictUrls);
    hooked.add(purify);
  }
  const render = (markdown: string): string => md.render(markdown);
  return {
    toFragment: (markdown) => purify.sanitize(render(markdown), { ...PURIFY_CONFIG, RETURN_DOM_FRAGMENT: true }),
    toHtml: (markdown) => purify.sanitize(render(markdown), PURIFY_CONFIG),
    sanitize: (html) => purify.sanitize(html, PURIFY_CONFIG),
  };
}

type RenderRule = NonNullable<InstanceType<typeof MarkdownIt>['renderer']['rules']['image']>;

/**
 * Inline data images render as images; any other image as a link to it that
 * names its host (and its alt text): the reader sees where it lives and opens
 * it on purpose, through `interceptLinks` and VS Code's external-link prompt.
 */
function imageRule(renderInline: RenderRule | undefined): RenderRule {
  return (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const src = String(token.attrGet('src') ?? '');
    if (INLINE_IMAGE.test(src) && renderInline) {
      return renderInline(tokens, idx, options, env, self);
    }
    const alt = self.renderInlineAsText(token.children ?? [], options, env).trim();
    const where = hostOf(src);
    const text = escapeHtml([IMAGE_MARK, alt, alt && where ? `(${where})` : where].filter(Boolean).join(' '));
    // A link cannot hold a link: inside one, the image is that link's text.
    return insideLink(tokens, idx) ? text : `<a href="${escapeHtml(src)}" title="${escapeHtml(src)}">${text}</a>`;
  };
}

/** `host[:port]` as the browser would contact it (punycode), or '' for a URL without one. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return ''; // relative or malformed: no host to name
  }
}

/** Whether the inline token at `idx` sits between a link_open and its link_close. */
function insideLink(tokens: readonly { type: string }[], idx: number): boolean {
  let depth = 0;
  for (let i = idx - 1; i >= 0; i--) {
    depth += tokens[i].type === 'link_open' ? 1 : tokens[i].type === 'link_close' ? -1 : 0;
    if (depth > 0) {
      return true;
    }
  }
  return false;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Links keep only http/https/mailto; images only raster data (see INLINE_IMAGE). */
function restrictUrls(node: Element): void {
  const tag = node.nodeName.toLowerCase();
  if (tag === 'a') {
    const href = node.getAttribute('href');
    if (href !== null && !isAllowedLink(href)) {
      node.removeAttribute('href');
    }
    node.setAttribute('rel', 'noopener noreferrer');
  } else if (tag === 'img') {
    const src = node.getAttribute('src');
    if (src !== null && !INLINE_IMAGE.test(src)) {
      node.removeAttribute('src');
    }
  }
}

/**
 * Webviews never navigate: every link click becomes a request to the host,
 * and only allowed schemes are asked for.
 */
export function interceptLinks(openExternal: (url: string) => void): void {
  const intercept = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target.closest('a') : null;
    if (!target) {
      return;
    }
    event.preventDefault();
    const href = target.getAttribute('href');
    if (event.type === 'click' && href !== null && isAllowedLink(href)) {
      openExternal(href);
    }
  };
  document.addEventListener('click', intercept);
  document.addEventListener('auxclick', intercept);
}
