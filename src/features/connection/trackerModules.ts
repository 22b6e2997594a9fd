// The tracker adapters and the HTTP client (axios), each imported the first
// time a connection of its kind is used. esbuild.js builds each of these
// modules as its own bundle (dist/trackers/<kind>.js) and turns these imports
// into loading it, so activation loads none of them: only import them here,
// with import(), and only from code that runs once a tracker is needed.
export const httpModule = () => import('../../trackers/http');
export const restModule = () => import('../../trackers/rest/restTracker');
export const githubModule = () => import('../../trackers/github/githubTracker');
export const cannyModule = () => import('../../trackers/canny/cannyTracker');
export const fiderModule = () => import('../../trackers/fider/fiderTracker');
export const linearModule = () => import('../../trackers/linear/linearTracker');
// Not an adapter: the Linear connection's client and sign-in (features/connection), bundled apart for the same reason.
export const linearClientModule = () => import('./linearClient');
