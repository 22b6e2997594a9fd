// Every GraphQL document the Linear adapter sends, written by hand and asking
// only for the fields linearWire.ts reads. test/unit/linearContract.test.ts
// validates each entry of LINEAR_DOCUMENTS against Linear's published schema,
// so a document the adapter sends must be listed there.

// Linear refuses a query costing more than 10,000 points: an object 1, a field
// 0.1, and what a connection holds times its `first` (50 when not given). A
// list page costs 69 points an issue (most of it the needs), so 100 issues a
// page stay under the limit (6,900; test/unit/linearContract.test.ts counts
// every document) while 1,000 issues take 10 requests.

/** Issues per list page. */
export const ISSUES_PER_PAGE = 100;
/** Customer needs read with each issue of a list page; an issue with more has the rest read apart (NEEDS). */
export const NEEDS_IN_LIST = 15;
/** Labels read with an issue: its tags. */
const LABELS_PER_ISSUE = 10;
/** Needs per page when one issue's are read (ISSUE, NEEDS): ~400 points. */
const NEEDS_PER_PAGE = 100;

const NEED_DETAIL = 'id body url customer { id name revenue tier { displayName } }';
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

// The fields of an issue but its needs, shared by the list and the single issue so both map alike.
const ISSUE_FIELDS = `
fragment IssueFields on Issue {
  id
  identifier
  title
  url
  createdAt
  updatedAt
  state { type name }
  labels(first: ${LABELS_PER_ISSUE}) { nodes { name } }
}`;

export const ISSUES = `
query FeedbackLoopIssues($filter: IssueFilter, $first: Int!, $after: String, $orderBy: PaginationOrderBy!) {
  issues(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    nodes {
      ...IssueFields
      needs(first: ${NEEDS_IN_LIST}) { nodes { id customer { id name revenue } } ${PAGE_INFO} }
    }
    ${PAGE_INFO}
  }
}
${ISSUE_FIELDS}`;

export const ISSUE = `
query FeedbackLoopIssue($id: String!) {
  issue(id: $id) {
    ...IssueFields
    description
    team { id }
    needs(first: ${NEEDS_PER_PAGE}) { nodes { ${NEED_DETAIL} } ${PAGE_INFO} }
    comments(first: 250) { nodes { id } }
  }
}
${ISSUE_FIELDS}`;

/** The rest of one issue's needs, after the first page a list or ISSUE read. */
export const NEEDS = `
query FeedbackLoopNeeds($id: String!, $after: String) {
  issue(id: $id) {
    needs(first: ${NEEDS_PER_PAGE}, after: $after) { nodes { ${NEED_DETAIL} } ${PAGE_INFO} }
  }
}`;

export const COMMENTS = `
query FeedbackLoopComments($id: String!, $after: String) {
  issue(id: $id) {
    comments(first: 100, after: $after, orderBy: createdAt) {
      nodes { id body createdAt user { name } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

export const ATTACHMENTS = `
query FeedbackLoopAttachments($id: String!, $after: String) {
  issue(id: $id) {
    attachments(first: 100, after: $after, orderBy: createdAt) {
      nodes { id url createdAt metadata }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** The team's states of one type, to move an issue to the first of them (lowest position). */
export const TEAM_STATES = `
query FeedbackLoopTeamStates($id: String!, $type: String!) {
  issue(id: $id) {
    team {
      states(filter: { type: { eq: $type } }, first: 50) {
        nodes { id name position }
      }
    }
  }
}`;

export const SET_STATE = `
mutation FeedbackLoopSetState($id: String!, $stateId: String!) {
  issueUpdate(id: $id, input: { stateId: $stateId }) { success }
}`;

export const CREATE_COMMENT = `
mutation FeedbackLoopComment($input: CommentCreateInput!) {
  commentCreate(input: $input) {
    success
    comment { id body createdAt user { name } }
  }
}`;

/** Linear keeps one attachment per issue and url: creating the same url again updates it. */
export const CREATE_ATTACHMENT = `
mutation FeedbackLoopAttachment($input: AttachmentCreateInput!) {
  attachmentCreate(input: $input) {
    success
    attachment { id url createdAt metadata }
  }
}`;

/** The teams the key can see, for "Connect a Tracker…" to choose one. */
export const TEAMS = `
query FeedbackLoopTeams($after: String) {
  teams(first: 100, after: $after) {
    nodes { id key name }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** A team's projects, to narrow the issues to one (archived ones are left out by default). */
export const TEAM_PROJECTS = `
query FeedbackLoopTeamProjects($id: String!, $after: String) {
  team(id: $id) {
    projects(first: 100, after: $after) {
      nodes { id name }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** The labels an issue of the team can carry: the team's and the workspace's; a group label is never on an issue. */
export const TEAM_LABELS = `
query FeedbackLoopTeamLabels($id: ID!, $after: String) {
  issueLabels(
    first: 100
    after: $after
    filter: { isGroup: { eq: false }, or: [{ team: { id: { eq: $id } } }, { team: { null: true } }] }
  ) {
    nodes { id name }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Every document the adapter can send, for the contract test. */
export const LINEAR_DOCUMENTS: Readonly<Record<string, string>> = {
  ISSUES,
  ISSUE,
  NEEDS,
  COMMENTS,
  ATTACHMENTS,
  TEAM_STATES,
  SET_STATE,
  CREATE_COMMENT,
  CREATE_ATTACHMENT,
  TEAMS,
  TEAM_PROJECTS,
  TEAM_LABELS,
};
