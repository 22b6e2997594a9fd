// Demand at a glance: figures from core/demand.ts, words from platform/itemWords.ts.
import './vscodeL10n';
import * as assert from 'node:assert/strict';
import { formatMoneyShort, revenueFigure, votesFigure } from '../../src/core/demand';
import { demandLine, reach, requests, spokenDemand } from '../../src/platform/itemWords';

describe('demand at a glance', () => {
  it('reads votes, customers and monthly revenue', () => {
    const item = { votes: 42, customerCount: 7, revenue: { amount: 12_400, currency: 'USD' } };
    assert.equal(demandLine(item), '▲ 42 · 7 customers · $12.4k/mo');
    assert.equal(reach(item), '7 customers · $12.4k/mo');
    assert.equal(spokenDemand(item), '42 votes, 7 customers, $12.4k a month');
  });

  it('says "customer" for one and leaves out missing or zero revenue', () => {
    assert.equal(demandLine({ votes: 0, customerCount: 1, revenue: null }), '▲ 0 · 1 customer');
    assert.equal(demandLine({ votes: 3, customerCount: 2, revenue: { amount: 0, currency: 'EUR' } }), '▲ 3 · 2 customers');
    assert.equal(spokenDemand({ votes: 1, customerCount: 0, revenue: null }), '1 vote, 0 customers');
    assert.equal(revenueFigure({ revenue: { amount: 0, currency: 'EUR' } }), undefined);
    assert.equal(`${requests(1)} · ${requests(3)}`, '1 request · 3 requests');
  });

  it('names customer requests where the tracker counts them instead of votes', () => {
    const item = { votes: 12, demandUnit: 'requests' as const, customerCount: 9, revenue: { amount: 4000, currency: 'USD' } };
    assert.equal(demandLine(item), '▲ 12 requests · 9 customers · $4k/mo');
    assert.equal(spokenDemand(item), '12 requests, 9 customers, $4k a month');
    assert.equal(spokenDemand({ ...item, votes: 1 }), '1 request, 9 customers, $4k a month');
  });

  it('abbreviates money with the currency symbol or code, and votes with a ▲', () => {
    assert.equal(formatMoneyShort({ amount: 950, currency: 'EUR' }), '€950');
    assert.equal(formatMoneyShort({ amount: 12_000, currency: 'GBP' }), '£12k');
    assert.equal(formatMoneyShort({ amount: 1_250_000, currency: 'CHF' }), 'CHF 1.3M');
    assert.equal(formatMoneyShort({ amount: 345_000, currency: 'USD' }), '$345k');
    assert.deepEqual([votesFigure(120), votesFigure(1234), votesFigure(250_000)], ['▲120', '▲1.2k', '▲250k']);
  });
});
