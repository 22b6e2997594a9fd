// Finds where things are in a JSON text, so an error in a hand-edited or
// merge-conflicted `.feedback/tradeoffs.json` names its line. Used only on the
// error path: a valid file goes through JSON.parse.

/** 1-based line of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
    }
  }
  return line;
}

/** The first line holding a git conflict marker, if any. */
export function conflictMarkerLine(text: string): number | undefined {
  const match = /^(<{7}|={7}|>{7})(\s|$)/m.exec(text);
  return match ? lineOf(text, match.index) : undefined;
}

/** Offset of the first JSON syntax error, or undefined when the text parses. */
export function syntaxErrorOffset(text: string): number | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.value([]);
    scanner.space();
    return scanner.at < text.length ? scanner.at : undefined;
  } catch (error) {
    if (error instanceof SyntaxAt) {
      return error.offset;
    }
    throw error;
  }
}

/** Offset where the value at `path` starts (the deepest existing prefix of it). */
export function offsetOfPath(text: string, path: readonly PropertyKey[]): number {
  const scanner = new Scanner(text, path.map(String));
  try {
    scanner.value([]);
  } catch (error) {
    if (!(error instanceof SyntaxAt)) {
      throw error;
    }
  }
  return scanner.best;
}

/**
 * Deeper than any valid file (it nests five levels): the scanner recurses once
 * per level, and a file from a clone may open a million brackets.
 */
const MAX_DEPTH = 64;

// Sticky (`y`): they match at lastIndex only, without slicing the text.
const LITERAL = /-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\.)*"/y;

class SyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

class Scanner {
  at = 0;
  best = 0;
  private bestDepth = -1;

  constructor(
    private readonly text: string,
    private readonly target: readonly string[] = [],
  ) {}

  space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) {
      this.at++;
    }
  }

  value(path: string[]): void {
    if (path.length > MAX_DEPTH) {
      throw new SyntaxAt(this.at);
    }
    this.space();
    this.note(path);
    const c = this.text[this.at];
    if (c === '{') {
      this.object(path);
    } else if (c === '[') {
      this.array(path);
    } else if (c === '"') {
      this.string();
    } else {
      LITERAL.lastIndex = this.at;
      const match = LITERAL.exec(this.text);
      if (!match) {
        throw new SyntaxAt(this.at);
      }
      this.at += match[0].length;
    }
  }

  private note(path: readonly string[]): void {
    const depth = path.length;
    if (depth > this.bestDepth && depth <= this.target.length && path.every((key, i) => key === this.target[i])) {
      this.best = this.at;
      this.bestDepth = depth;
    }
  }

  private object(path: string[]): void {
    this.at++;
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return;
    }
    for (;;) {
      this.space();
      const key = this.string();
      this.expect(':');
      this.value([...path, key]);
      if (this.separator('}')) {
        return;
      }
    }
  }

  private array(path: string[]): void {
    this.at++;
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return;
    }
    for (let index = 0; ; index++) {
      this.value([...path, String(index)]);
      if (this.separator(']')) {
        return;
      }
    }
  }

  /** Consumes `,` (false) or the closing bracket (true). */
  private separator(close: string): boolean {
    this.space();
    const c = this.text[this.at];
    if (c === ',' || c === close) {
      this.at++;
      return c === close;
    }
    throw new SyntaxAt(this.at);
  }

  private expect(c: string): void {
    this.space();
    if (this.text[this.at] !== c) {
      throw new SyntaxAt(this.at);
    }
    this.at++;
  }

  private string(): string {
    if (this.text[this.at] !== '"') {
      throw new SyntaxAt(this.at);
    }
    STRING.lastIndex = this.at;
    const match = STRING.exec(this.text);
    if (!match) {
      throw new SyntaxAt(this.at);
    }
    this.at += match[0].length;
    try {
      return JSON.parse(match[0]) as string;
    } catch {
      throw new SyntaxAt(this.at - match[0].length);
    }
  }
}
