import * as assert from 'node:assert/strict';
import { describeDemand, formatMoneyShort } from '../../src/core/demand';

describe('demand at a glance', () => {
  it('reads votes, customers and monthly revenue', () => {
    assert.equal(describeDemand({ votes: 42, customerCount: 7, revenue: { amount: 12_400, currency: 'USD' } }), '▲ 42 · 7 customers · $12.4k/mo');
  });

  it('says "customer" for one and leaves out missing or zero revenue', () => {
    assert.equal(describeDemand({ votes: 0, customerCount: 1, revenue: null }), '▲ 0 · 1 customer');
    assert.equal(describeDemand({ votes: 3, customerCount: 2, revenue: { amount: 0, currency: 'EUR' } }), '▲ 3 · 2 customers');
  });

  it('abbreviates money with the currency symbol or code', () => {
    assert.equal(formatMoneyShort({ amount: 950, currency: 'EUR' }), '€950');
    assert.equal(formatMoneyShort({ amount: 12_000, currency: 'GBP' }), '£12k');
    assert.equal(formatMoneyShort({ amount: 1_250_000, currency: 'CHF' }), 'CHF 1.3M');
    assert.equal(formatMoneyShort({ amount: 345_000, currency: 'USD' }), '$345k');
  });
});
