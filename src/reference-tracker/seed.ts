// Deterministic sample data: the same size and seed always give the same
// items, so tests and screenshots can name FB-12 and know what it holds.
import type { Comment, Customer, Status } from '../core/model';
import type { StoredItem, TrackerData } from './data';
import { HOSTILE_COMMENTS, HOSTILE_CUSTOMER_NAME, HOSTILE_ITEM_ID, HOSTILE_TITLE, hostileDescription } from './hostile';
import { Random } from './random';
import * as text from './seedText';

/** "Now" of the sample data: dates are fixed so the data does not drift with the clock. */
const EPOCH = Date.parse('2025-06-01T12:00:00.000Z');
const DAY = 86_400_000;
const COMPANY_COUNT = 80;
const PEOPLE_PER_COMPANY = 4;
const INDIVIDUALS = 80;
const MAX_CUSTOMERS_PER_ITEM = 40;
/** FB-3 has more comments than one page holds, so comment paging can be tried. */
const CHATTY_ITEM_INDEX = 2;
const CHATTY_COMMENTS = 75;

// `open` is weighted so that, at 300 items, its group holds more than 100.
const STATUS_WEIGHTS: readonly (readonly [Status, number])[] = [
  ['open', 45], ['under-review', 14], ['planned', 12], ['in-progress', 9], ['shipped', 12], ['closed', 8],
];

interface Seeder {
  readonly rng: Random;
  readonly people: readonly Customer[];
  nextId: number;
}

export function seedData(size: number, seed: number): TrackerData {
  const rng = new Random(seed);
  const seeder: Seeder = { rng, people: makePeople(rng), nextId: 1 };
  const items: StoredItem[] = [];
  for (let index = 0; index < size; index++) {
    items.push(makeItem(seeder, index));
  }
  return { version: 1, nextId: seeder.nextId, items, idempotency: [] };
}

function makePeople(rng: Random): Customer[] {
  const people: Customer[] = [];
  const person = () => `${rng.pick(text.FIRST_NAMES)} ${rng.pick(text.LAST_NAMES)}`;
  for (const company of text.companyNames(COMPANY_COUNT)) {
    const currency = rng.weighted([['USD', 5], ['EUR', 3], ['GBP', 2]] as const);
    // Log-uniform monthly recurring revenue between 200 and 40,000.
    const amount = Math.round((200 * Math.pow(200, rng.next())) / 10) * 10;
    for (let i = 0; i < PEOPLE_PER_COMPANY; i++) {
      people.push({ id: `cus-${people.length + 1}`, name: person(), company, revenue: { amount, currency } });
    }
  }
  for (let i = 0; i < INDIVIDUALS; i++) {
    const revenue = rng.chance(0.5) ? { amount: rng.pick([29, 49, 99]), currency: 'USD' } : null;
    people.push({ id: `cus-${people.length + 1}`, name: person(), company: null, revenue });
  }
  return people;
}

function makeItem(seeder: Seeder, index: number): StoredItem {
  const { rng } = seeder;
  const id = `FB-${index + 1}`;
  // Heavy tail: most items have a handful of votes, a few have hundreds.
  const votes = rng.chance(0.05) ? 0 : Math.min(1500, Math.floor(2 * Math.pow(1 - rng.next(), -1.15)) - 1);
  const customerCount = Math.min(MAX_CUSTOMERS_PER_ITEM, votes, 1 + Math.floor(votes * rng.next() * 0.3));
  const createdMs = EPOCH - rng.int(1, 730 * 24 * 60) * 60_000;
  const item: StoredItem = {
    id,
    title: makeTitle(rng, index),
    status: rng.weighted(STATUS_WEIGHTS),
    votes,
    tags: rng.sample(text.TAGS, rng.int(0, 3)),
    createdAt: new Date(createdMs).toISOString(),
    updatedAt: new Date(createdMs).toISOString(),
    description: makeDescription(rng),
    customers: pickCustomers(rng, seeder.people, customerCount),
    comments: [],
    links: [],
    tradeoffs: [],
  };
  const commentCount = index === CHATTY_ITEM_INDEX ? CHATTY_COMMENTS : Math.min(30, Math.floor(Math.pow(1 - rng.next(), -0.8)) - 1);
  item.comments = makeComments(seeder, item, commentCount, createdMs);
  const lastActivity = Math.max(createdMs + rng.int(0, EPOCH - createdMs), ...item.comments.map((c) => Date.parse(c.createdAt)));
  item.updatedAt = new Date(lastActivity).toISOString();
  return id === HOSTILE_ITEM_ID ? makeHostile(seeder, item) : item;
}

function makeTitle(rng: Random, index: number): string {
  const fixed = text.TITLES[index];
  if (fixed !== undefined) {
    return fixed;
  }
  return rng.chance(0.3) ? rng.pick(text.TITLES) : text.composedTitle(rng.int(0, 899));
}

function makeDescription(rng: Random): string {
  const blocks = rng.sample(text.PARAGRAPHS, rng.int(1, 3));
  if (rng.chance(0.4)) {
    blocks.push(rng.pick(text.CODE_BLOCKS));
  }
  if (rng.chance(0.3)) {
    blocks.push(rng.pick(text.LINKS));
  }
  if (rng.chance(0.3)) {
    blocks.splice(1, 0, rng.pick(text.LIST_BLOCKS));
  }
  if (rng.chance(0.03)) {
    // A few long descriptions (~8 kB) to exercise scrolling and truncation.
    blocks.push(...Array.from({ length: 60 }, () => rng.pick(text.PARAGRAPHS)));
  }
  return blocks.join('\n\n');
}

/** Distinct people, at most one per company, so an item's revenue counts each company once. */
function pickCustomers(rng: Random, people: readonly Customer[], count: number): Customer[] {
  const picked: Customer[] = [];
  const companies = new Set<string>();
  for (const person of rng.sample(people, count * 3)) {
    if (picked.length >= count) {
      break;
    }
    if (person.company === null || !companies.has(person.company)) {
      picked.push(person);
      if (person.company !== null) {
        companies.add(person.company);
      }
    }
  }
  return picked;
}

function makeComments(seeder: Seeder, item: StoredItem, count: number, createdMs: number): Comment[] {
  const { rng } = seeder;
  const times = Array.from({ length: count }, () => rng.int(createdMs, EPOCH)).sort((a, b) => a - b);
  return times.map((time) => {
    const fromTeam = rng.chance(0.4);
    const author = fromTeam
      ? { name: rng.pick(text.TEAM_NAMES), role: 'team' as const }
      : { name: (rng.pick(item.customers.length > 0 ? item.customers : seeder.people)).name, role: 'customer' as const };
    return {
      id: `CM-${seeder.nextId++}`,
      author,
      body: rng.pick(fromTeam ? text.COMMENTS_TEAM : text.COMMENTS_CUSTOMER),
      visibility: fromTeam && rng.chance(0.35) ? 'internal' : 'public',
      createdAt: new Date(time).toISOString(),
    };
  });
}

function makeHostile(seeder: Seeder, item: StoredItem): StoredItem {
  const base = Date.parse(item.createdAt);
  const comments: Comment[] = HOSTILE_COMMENTS.map((body, i) => ({
    id: `CM-${seeder.nextId++}`,
    author: i % 2 === 0 ? { name: HOSTILE_CUSTOMER_NAME, role: 'customer' } : { name: 'Sam (Support)', role: 'team' },
    body,
    visibility: i === HOSTILE_COMMENTS.length - 1 ? 'internal' : 'public',
    createdAt: new Date(base + (i + 1) * DAY).toISOString(),
  }));
  const attacker: Customer = { id: 'cus-hostile', name: HOSTILE_CUSTOMER_NAME, company: '<i>Evil</i> "Corp"', revenue: { amount: 666, currency: 'USD' } };
  return {
    ...item,
    title: HOSTILE_TITLE,
    description: hostileDescription(),
    tags: ['security'],
    votes: Math.max(item.votes, 3),
    customers: [attacker, ...item.customers.slice(0, 2)],
    comments,
    updatedAt: new Date(Math.max(Date.parse(item.updatedAt), base + comments.length * DAY)).toISOString(),
  };
}
