// What the Customer Impact view and the editor's lenses read: the impact now,
// and whether it is being read. ImpactService (a bundle loaded on demand)
// keeps it; before that bundle is loaded, `notLoaded` stands in.
import type { Impact } from '../../core/impact/impact';

export interface ImpactState {
  readonly impact: Impact;
  /** A repository's changes are being read. */
  readonly busy: boolean;
  /** Some repository had more changed files than a diff is read for. */
  readonly truncated: boolean;
  readonly repositoryCount: number;
}

const NO_IMPACT: Impact = {
  items: [],
  totals: { requests: 0, votes: 0, customers: 0, customersAtLeast: 0, revenue: [], exact: true, withoutDemand: 0 },
};

/** Until the engine is loaded: nothing impacted, and busy when there are repositories to read. */
export function notLoaded(repositoryCount: number): ImpactState {
  return { impact: NO_IMPACT, busy: repositoryCount > 0, truncated: false, repositoryCount };
}
