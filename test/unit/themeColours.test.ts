// The webviews take every colour from the editor's theme: a colour written in
// media/*.css looks right in one theme and wrong (or unreadable) in the others,
// High Contrast above all. Only `var(--vscode-*)` (or one of our own `--fl-*`
// properties, itself defined from them) and the keywords that are no colour of
// their own (transparent, currentColor, inherit…) may stand where a colour goes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const MEDIA = path.resolve(__dirname, '..', '..', 'media');

const NAMED_COLOURS = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood cadetblue chartreuse ' +
    'chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta ' +
    'darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet ' +
    'deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green ' +
    'greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
    'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey ' +
    'lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen ' +
    'mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive ' +
    'olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple ' +
    'rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey snow ' +
    'springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen ' +
    // System colours: the browser's, not the editor's theme.
    'accentcolor accentcolortext activetext buttonborder buttonface buttontext canvas canvastext field fieldtext graytext highlight ' +
    'highlighttext linktext mark marktext selecteditem selecteditemtext visitedtext'
  ).split(' '),
);
const COLOUR_FUNCTION = /\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/i;
const HEX = /#[0-9a-f]{3,8}\b/i;
const VAR_REFERENCE = /var\(\s*(--[\w-]+)/g;

interface Declaration {
  readonly file: string;
  readonly property: string;
  readonly value: string;
}

/** The declarations of a stylesheet: `property: value` inside the innermost blocks, comments removed. */
function declarations(file: string, css: string): Declaration[] {
  const found: Declaration[] = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, ' ');
  for (const block of text.matchAll(/\{([^{}]*)\}/g)) {
    for (const part of block[1].split(';')) {
      const colon = part.indexOf(':');
      if (colon > 0) {
        found.push({ file, property: part.slice(0, colon).trim(), value: part.slice(colon + 1).trim() });
      }
    }
  }
  return found;
}

/** Why `value` holds a colour of its own, or undefined when it holds none. */
function hardCodedColour(value: string): string | undefined {
  // Names of custom properties (`--vscode-charts-red`), strings and urls are not colours.
  const bare = value.replace(/(['"])(?:(?!\1).)*\1/g, ' ').replace(/url\([^)]*\)/gi, ' ').replace(/--[\w-]+/g, ' ');
  const hex = HEX.exec(bare);
  if (hex) {
    return `hex colour ${hex[0]}`;
  }
  const fn = COLOUR_FUNCTION.exec(bare);
  if (fn) {
    return `colour function ${fn[1]}()`;
  }
  const named = bare.match(/[a-z][\w-]*/gi)?.find((word) => NAMED_COLOURS.has(word.toLowerCase()));
  return named === undefined ? undefined : `named colour ${named}`;
}

/** Every problem in `all`: literal colours, and var() references to properties neither VS Code's nor defined here. */
function problems(all: readonly Declaration[]): string[] {
  const defined = new Set(all.filter((d) => d.property.startsWith('--')).map((d) => d.property));
  const found: string[] = [];
  for (const d of all) {
    const where = `${d.file}: ${d.property}: ${d.value}`;
    const colour = hardCodedColour(d.value);
    if (colour) {
      found.push(`${where} (${colour})`);
    }
    for (const [, name] of d.value.matchAll(VAR_REFERENCE)) {
      if (!name.startsWith('--vscode-') && !defined.has(name)) {
        found.push(`${where} (${name} is not a --vscode-* variable nor defined in media/)`);
      }
    }
  }
  return found;
}

describe('theme colours in media/*.css', () => {
  it('finds each kind of hard-coded colour, and nothing else', () => {
    const bad = ['#fff', '1px solid #1e1e1e80', 'rgb(0 0 0 / 50%)', 'HSLA(0, 0%, 0%, 0.5)', 'white', '1px solid Red', 'var(--vscode-foreground, black)', 'Canvas', 'oklch(0.5 0.1 200)'];
    for (const value of bad) {
      assert.ok(hardCodedColour(value), `${value} is flagged`);
    }
    const good = [
      'var(--vscode-charts-red)', 'var(--vscode-widget-border, var(--vscode-panel-border, transparent))', '1px solid currentColor', 'inherit',
      'transparent', "url('itemPanel.css')", 'fl-spin 0.8s linear infinite', '0 0 0 1px', '"#fff"', 'none', 'bold', 'tabular-nums',
    ];
    for (const value of good) {
      assert.equal(hardCodedColour(value), undefined, `${value} is not flagged`);
    }
    assert.deepEqual(declarations('x.css', '#root a:hover { color: red; /* color: blue */ }\n@media (x) { .a { b: c } }'), [
      { file: 'x.css', property: 'color', value: 'red' },
      { file: 'x.css', property: 'b', value: 'c' },
    ]);
    assert.equal(problems(declarations('x.css', '.a { color: var(--mine); }')).length, 1, 'an undefined custom property is flagged');
  });

  it('takes every colour from the theme (--vscode-* variables)', () => {
    const files = fs.readdirSync(MEDIA).filter((name) => name.endsWith('.css'));
    assert.ok(files.length >= 3, `stylesheets in media/: ${files.join(', ')}`);
    const all = files.flatMap((name) => declarations(name, fs.readFileSync(path.join(MEDIA, name), 'utf8')));
    assert.ok(all.length > 100, `declarations read: ${all.length}`);
    assert.deepEqual(problems(all), []);
  });
});
