// What commit links run only on a command, a commit, a hover or an open
// panel, behind one entry: the lazy bundle dist/workCommands.js
// (scripts/build/lazyBundles.js), loaded the first time one of them runs.
// One entry, so the extension bundle carries one loader for all of them.
export { linkItemToMessage, linkPastCommit, openCommitChanges, openCommitCommand, showFileDemand, startWork } from './workActions';
export { postOwnCommitLinks } from './ownCommitLinks';
export { referenceHover } from './referenceHover';
export { newLinkFor, panelLinkedCommits } from './linkedCommits';
