// Refuses reference patterns that can backtrack catastrophically. They run on
// every line a hover or link provider reads and on every commit message of the
// history scan, in the extension host: `(a+)+b` on forty `a`s would freeze it.
// The check is safe-regex2's (fastify): no repetition inside a repetition
// (star height ≤ 1), and at most 25 repetitions. It is a heuristic: it misses
// ambiguous alternations such as `(a|a)*`, which no setting documented here
// needs; what it refuses is always rewritable without nesting.
import { safeRegex } from 'safe-regex2';

/** Why `source` (a valid u-mode pattern) may take exponential time, or undefined when it passes the check. */
export function backtrackingProblem(source: string): string | undefined {
  if (safeRegex(inRetSyntax(source))) {
    return undefined;
  }
  return 'may take exponential time (a repetition inside a repetition, such as (a+)+, or more than 25 repetitions): write it without nesting';
}

/**
 * safe-regex2 parses with `ret`, which predates two pieces of u-mode syntax:
 * lookbehind, which it refuses (a refusal reads as "unsafe"), and `\u{…}`,
 * whose braces it can take for a repetition count. Neither changes how
 * repetitions nest, so they are shown to it as a lookahead and a plain
 * `\uXXXX` escape. Escapes are skipped whole, so `\(?<=` stays as it is.
 */
function inRetSyntax(source: string): string {
  let out = '';
  let inClass = false;
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const codePoint = /^\\u\{[0-9A-Fa-f]+\}/.exec(rest);
    if (codePoint) {
      out += '\\uFFFF';
      i += codePoint[0].length;
    } else if (source[i] === '\\') {
      out += source.slice(i, i + 2);
      i += 2;
    } else if (!inClass && /^\(\?<[=!]/.test(rest)) {
      out += `(?${rest[3]}`;
      i += 4;
    } else {
      inClass = inClass ? source[i] !== ']' : source[i] === '[';
      out += source[i];
      i++;
    }
  }
  return out;
}
