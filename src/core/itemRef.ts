// Which item of which connection (issue 14). Item ids stay the tracker's
// (`FB-12`, `github:octo/app#12`): commit trailers in git history name them,
// and two connections may both have `FB-12` (two REST servers; one GitHub
// repository through two accounts). Everything above the sessions addresses
// an item by its connection and its id, written `<connection id>/<item id>`
// where a string is needed (tree row ids, command arguments, webview
// messages). A connection id has no `/`, so the first `/` splits the two; an
// item id may hold any (GitHub's do).

export interface ItemRef {
  /** The connection's id: the registry's `<kind>-<random>`, or a transient connection's (`sample`). */
  readonly connection: string;
  /** The tracker's own id of the item, as the session's store and details key it. */
  readonly id: string;
}

/**
 * What a ref accepts as a connection id: lower-case letters, digits and `-`.
 * The registry's ids (`core/connections/registry.ts`, `rest-k2x…`) are of
 * this form, and so is the sample tracker's `sample`. Today's ids of the one
 * connection (an origin such as `http://127.0.0.1:3000`, `github:octo/app`)
 * are not: they survive only as a record's `legacyId`, never in a ref.
 */
const CONNECTION_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

export function isRefConnectionId(id: string): boolean {
  return CONNECTION_ID.test(id);
}

/** Why `ref` cannot be written as a string; undefined when it can. */
export function itemRefProblem(ref: ItemRef): string | undefined {
  if (!isRefConnectionId(ref.connection)) {
    return `${JSON.stringify(ref.connection.slice(0, 120))} is not a connection id (lower-case letters, digits and "-", at most 100)`;
  }
  return ref.id.length === 0 ? 'the item id is empty' : undefined;
}

/** `<connection id>/<item id>`; throws a RangeError for a ref no parse would give back. */
export function formatItemRef(ref: ItemRef): string {
  const problem = itemRefProblem(ref);
  if (problem !== undefined) {
    throw new RangeError(`Not an item reference: ${problem}.`);
  }
  return `${ref.connection}/${ref.id}`;
}

/** The ref a string names, or undefined when it names none (input from a webview or a command argument). */
export function parseItemRef(text: unknown): ItemRef | undefined {
  if (typeof text !== 'string') {
    return undefined;
  }
  const slash = text.indexOf('/');
  if (slash < 0) {
    return undefined;
  }
  const ref = { connection: text.slice(0, slash), id: text.slice(slash + 1) };
  return itemRefProblem(ref) === undefined ? ref : undefined;
}

export function sameItemRef(a: ItemRef, b: ItemRef): boolean {
  return a.connection === b.connection && a.id === b.id;
}
