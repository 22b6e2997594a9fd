// Item ids of the external trackers are namespaced, so that links, trade-offs
// and open panels of two trackers never collide:
//   github:<owner>/<repo>#<issue number>     github:octo/app#12
//   canny:<post id>                          canny:553c3ef8b8cdcd1501ba1234 (Canny ids are global)
//   fider:<host>#<post number>               fider:feedback.example.com#7
// The REST contract's ids stay as the tracker gives them (that tracker is ours).
import { TrackerError } from './tracker';

export function namespacedId(kind: string, scope: string | undefined, native: string): string {
  return scope === undefined ? `${kind}:${native}` : `${kind}:${scope}#${native}`;
}

/** The native id inside `id`, if `id` belongs to this tracker (same kind and scope); else a `notFound` error. */
export function nativeId(id: string, kind: string, scope: string | undefined, pattern: RegExp): string {
  const prefix = scope === undefined ? `${kind}:` : `${kind}:${scope}#`;
  const native = id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
  if (native === undefined || !pattern.test(native)) {
    throw new TrackerError('notFound', `${JSON.stringify(id.slice(0, 120))} is not an item of this ${kind} tracker (${prefix}…).`);
  }
  return native;
}
