// Branch names for Start Work: `feedback/<id>-<slug>` from a template, an
// item's id and its title, made valid for git. Pure; only the work commands
// use it, so it ships in their bundle (dist/workCommands.js).
import { branchIdOf } from './references';

const LOCK = '.lock';

/** Lowercase ASCII words joined by dashes, at most `max` characters, cut at a word. */
export function slugify(title: string, max = 40): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > max) {
      break;
    }
    slug = next;
  }
  return slug || (words[0] ?? '').slice(0, max);
}

/**
 * A branch name from `template` (`<id>`, `<slug>`) that `git check-ref-format
 * --branch` accepts, whatever the template, id and title hold.
 */
export function branchNameFor(template: string, item: { readonly id: string; readonly title: string }): string {
  const id = branchIdOf(item.id);
  // A replacer function: a replacement string would read `$&` and friends in the values.
  const raw = template.replace(/<id>|<slug>/g, (token) => (token === '<id>' ? id : slugify(item.title)));
  return refName(raw) ?? `feedback/${refComponent(id) || 'item'}`;
}

/**
 * `raw` as a valid branch name, or undefined when nothing usable is left.
 * git check-ref-format's rules: no control characters, spaces, `~^:?*[\`, or
 * `@{` anywhere; no empty component (so no leading, trailing or double `/`);
 * each component as refComponent makes it; not `@`; and, for a branch, not `HEAD`.
 */
function refName(raw: string): string | undefined {
  const name = raw
    .replace(/(?:[\s\x00-\x1f\x7f~^:?*[\\]|@\{)+/gu, '-')
    .split('/')
    .map(refComponent)
    .filter(Boolean)
    .join('/');
  return name === '' || name === '@' || name === 'HEAD' ? undefined : name;
}

/**
 * One component: no `..`, not led by `.` (nor `-`, which git reads as an
 * option on the first), not ending in `.` or `.lock` (nor `-`, for looks).
 * Trimmed by a scan: stripping one ending can uncover another (`a.lock.`).
 */
function refComponent(part: string): string {
  const text = part.replace(/\.{2,}/g, '.');
  let start = 0;
  while (start < text.length && (text[start] === '.' || text[start] === '-')) {
    start++;
  }
  let end = text.length;
  while (end > start) {
    if (text[end - 1] === '.' || text[end - 1] === '-') {
      end--;
    } else if (end - start >= LOCK.length && text.slice(end - LOCK.length, end).toLowerCase() === LOCK) {
      end -= LOCK.length;
    } else {
      break;
    }
  }
  return text.slice(start, end);
}
