// Adds (idempotently) what issue 9 puts in the manifest: the getting-started
// walkthrough, the shortcut that opens the Feedback view, the `screenshots`
// script and the engines floor. Run: `npx tsx scripts/manifest/onboarding.ts`.
import type { Json, JsonObject } from './editManifest';
import { editManifest } from './editManifest';

/** Oldest VS Code whose API the code needs; see README "For contributors" (types floor 1.83, `vscode.changes` 1.86). */
export const ENGINE = '^1.86.0';

const picture = (name: string, altText: string): JsonObject => ({ image: `media/walkthrough/${name}.png`, altText });

const walkthrough: JsonObject = {
  id: 'feedbackLoop.gettingStarted',
  title: 'Get started with Feedback Loop',
  description: 'Bring customer feedback into the editor: see requests ranked by demand, answer customers, and tie commits and trade-offs to what they asked for.',
  steps: [
    {
      id: 'connect',
      title: 'Connect a tracker or try sample data',
      description: 'Connect GitHub Issues, Canny, Fider or a tracker that speaks the Feedback Loop REST contract. No tracker at hand? Sample data starts a small tracker on this machine.\n[Connect a Tracker](command:feedbackLoop.connect)\n[Try with Sample Data](command:feedbackLoop.trySampleData)',
      media: picture('connect', 'The Feedback view offering Connect a Tracker and Try with Sample Data'),
      completionEvents: ['onCommand:feedbackLoop.connect', 'onCommand:feedbackLoop.trySampleData'],
    },
    {
      id: 'openItem',
      title: 'Open an item',
      description: 'Requests are ranked by votes, then revenue. Click one to read its description, the customers who asked and the thread.\n[Show the Feedback View](command:feedbackLoop.items.focus)',
      media: picture('item-panel', 'An item panel with votes, revenue, description and customers'),
      completionEvents: ['onCommand:feedbackLoop.openItem'],
    },
    {
      id: 'reply',
      title: 'Reply to customers',
      description: 'The Conversation view follows the item you select. Write in markdown, choose a public reply or an internal note, and press Ctrl/Cmd+Enter.\n[Show the Conversation](command:feedbackLoop.conversation.focus)',
      media: picture('reply', 'The Conversation view with a reply being written'),
      completionEvents: ['onView:feedbackLoop.conversation'],
    },
    {
      id: 'linkCommit',
      title: 'Link a commit',
      description: 'Start Work on Item creates a branch and proposes the trailer in the commit message; the commit then shows on the item and on the tracker.\n[Start Work on Item](command:feedbackLoop.startWork)',
      media: picture('link-commit', 'The commit message box proposing the Feedback trailer'),
      completionEvents: ['onCommand:feedbackLoop.startWork', 'onCommand:feedbackLoop.linkPastCommit'],
    },
    {
      id: 'markTradeOff',
      title: 'Mark a trade-off',
      description: 'Select lines, then mark why the code is the way it is and which request it affects (Ctrl+Shift+Alt+T / Cmd+Shift+Alt+T). Teammates see it on the code.\n[Mark Trade-off](command:feedbackLoop.markTradeOff)',
      media: picture('trade-off', 'A trade-off thread on marked lines, headed by its feedback item'),
      completionEvents: ['onCommand:feedbackLoop.markTradeOff'],
    },
  ],
};

const openViewKey: JsonObject = {
  command: 'feedbackLoop.items.focus',
  key: 'ctrl+shift+alt+f',
  mac: 'cmd+shift+alt+f',
};

function objectAt(parent: JsonObject, key: string): JsonObject {
  const value = parent[key];
  if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    throw new Error(`package.json: ${key} is not an object`);
  }
  parent[key] ??= {};
  return parent[key] as JsonObject;
}

function arrayAt(parent: JsonObject, key: string): Json[] {
  const value = (parent[key] ??= []);
  if (!Array.isArray(value)) {
    throw new Error(`package.json: ${key} is not an array`);
  }
  return value;
}

const changed = editManifest((manifest) => {
  const contributes = objectAt(manifest, 'contributes');
  const walkthroughs = arrayAt(contributes, 'walkthroughs');
  if (!walkthroughs.some((w) => (w as JsonObject).id === walkthrough.id)) {
    walkthroughs.push(walkthrough);
  }
  const keybindings = arrayAt(contributes, 'keybindings');
  if (!keybindings.some((k) => (k as JsonObject).command === openViewKey.command)) {
    keybindings.push(openViewKey);
  }
  objectAt(manifest, 'engines').vscode = ENGINE;
  objectAt(manifest, 'scripts').screenshots = 'tsx scripts/screenshots.ts';
});
console.log(changed ? 'package.json updated' : 'package.json already up to date');
