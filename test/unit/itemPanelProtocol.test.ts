// The item panel protocol: what the host accepts from the webview, and that
// the host's own messages (mapped from core) follow the same declarations.
import * as assert from 'node:assert/strict';
import { describeIssues } from '../../src/core/validation';
import type { Comment, FeedbackItem } from '../../src/core/model';
import { toPanelComment, toPanelItem } from '../../src/platform/panelData';
import {
  hostMessageSchema,
  panelStateSchema,
  webviewMessageSchema,
} from '../../src/shared/itemPanelProtocol';

const ITEM: FeedbackItem = {
  id: 'FL-1',
  title: 'Export to CSV',
  status: 'planned',
  votes: 12,
  customerCount: 2,
  revenue: { amount: 5000, currency: 'USD' },
  tags: ['export'],
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-02-01T00:00:00Z',
  url: 'https://tracker.example/items/FL-1',
  description: 'Please **export**',
  customers: [{ id: 'c1', name: 'Ada', company: 'Acme', revenue: { amount: 5000, currency: 'USD' } }],
  commentCount: 1,
};
const COMMENT: Comment = {
  id: 'k1',
  author: { name: 'Bob', role: 'team' },
  body: 'On it',
  visibility: 'internal',
  createdAt: '2024-02-02T00:00:00Z',
};

function issuesOf(schema: typeof webviewMessageSchema | typeof hostMessageSchema | typeof panelStateSchema, value: unknown): string[] {
  const result = schema.safeParse(value);
  assert.ok(!result.success, `expected ${JSON.stringify(value)} to be rejected`);
  return describeIssues(result.error);
}

describe('item panel protocol', () => {
  describe('webview → host', () => {
    it('accepts every declared message', () => {
      for (const message of [{ type: 'ready' }, { type: 'retry' }, { type: 'openExternal', url: 'https://example.com' }]) {
        assert.deepEqual(webviewMessageSchema.parse(message), message);
      }
    });

    it('rejects an openExternal without a url, naming the field', () => {
      const issues = issuesOf(webviewMessageSchema, { type: 'openExternal' });
      assert.ok(issues.some((i) => i.startsWith('url:')), issues.join('; '));
    });

    it('rejects an openExternal whose url is not a string, naming the field', () => {
      const issues = issuesOf(webviewMessageSchema, { type: 'openExternal', url: 42 });
      assert.ok(issues.some((i) => i.startsWith('url:')), issues.join('; '));
    });

    it('rejects an overlong url', () => {
      const issues = issuesOf(webviewMessageSchema, { type: 'openExternal', url: `https://x/${'a'.repeat(9000)}` });
      assert.ok(issues.some((i) => i.startsWith('url:')), issues.join('; '));
    });

    it('rejects unknown or missing types, naming the field', () => {
      for (const bad of [{ type: 'navigate', url: 'https://x' }, {}, { kind: 'ready' }]) {
        const issues = issuesOf(webviewMessageSchema, bad);
        assert.ok(issues.some((i) => i.startsWith('type:')), issues.join('; '));
      }
    });

    it('rejects values that are not messages at all', () => {
      for (const bad of [null, undefined, 'ready', 42, ['ready']]) {
        issuesOf(webviewMessageSchema, bad);
      }
    });
  });

  describe('host → webview', () => {
    it('accepts the messages the host builds from core data', () => {
      const item = toPanelItem(ITEM);
      const comments = [toPanelComment(COMMENT)];
      for (const message of [
        { type: 'loading' },
        { type: 'error', message: 'The tracker cannot be reached.' },
        { type: 'item', item, comments },
        { type: 'item', item, comments, stale: { message: 'timeout' } },
      ]) {
        assert.deepEqual(hostMessageSchema.parse(message), message);
      }
    });

    it('names the bad field of a malformed item', () => {
      const item = { ...toPanelItem(ITEM), votes: '12' };
      const issues = issuesOf(hostMessageSchema, { type: 'item', item, comments: [] });
      assert.ok(issues.some((i) => i.startsWith('item.votes:')), issues.join('; '));
    });

    it('names the bad field of a malformed comment', () => {
      const comment = { ...toPanelComment(COMMENT), authorRole: 'admin' };
      const issues = issuesOf(hostMessageSchema, { type: 'item', item: toPanelItem(ITEM), comments: [comment] });
      assert.ok(issues.some((i) => i.startsWith('comments[0].authorRole:')), issues.join('; '));
    });

    it('requires a text for every status in init', () => {
      const strings = { loading: 'x' };
      const issues = issuesOf(hostMessageSchema, { type: 'init', itemId: 'FL-1', locale: 'en', strings });
      assert.ok(issues.some((i) => i.startsWith('strings.statuses:')), issues.join('; '));
    });
  });

  describe('panel state', () => {
    it('accepts an item id', () => {
      assert.deepEqual(panelStateSchema.parse({ itemId: 'FL-1' }), { itemId: 'FL-1' });
    });

    it('rejects an empty or missing item id, naming the field', () => {
      for (const bad of [{ itemId: '' }, {}, { itemId: 7 }]) {
        const issues = issuesOf(panelStateSchema, bad);
        assert.ok(issues.some((i) => i.startsWith('itemId:')), issues.join('; '));
      }
      issuesOf(panelStateSchema, null);
    });
  });
});
