// Every GraphQL document the Linear adapter sends, written by hand and asking
// only for the fields linearWire.ts reads. test/unit/linearContract.test.ts
// validates each entry of LINEAR_DOCUMENTS against Linear's published schema,
// so a document the adapter sends must be listed there.

/** How many customer needs are read per issue: the demand of an issue counts these. */
export const NEEDS_PER_ISSUE = 100;

// The summary fields of an issue, shared by the list and the single issue so both map alike.
const ISSUE_SUMMARY = `
fragment IssueSummary on Issue {
  id
  identifier
  title
  url
  createdAt
  updatedAt
  state { type name }
  labels { nodes { name } }
  needs(first: ${NEEDS_PER_ISSUE}) {
    nodes { id customer { id name revenue } }
  }
}`;

export const ISSUES = `
query FeedbackLoopIssues($filter: IssueFilter, $first: Int!, $after: String, $orderBy: PaginationOrderBy!) {
  issues(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    nodes { ...IssueSummary }
    pageInfo { hasNextPage endCursor }
  }
}
${ISSUE_SUMMARY}`;

export const ISSUE = `
query FeedbackLoopIssue($id: String!) {
  issue(id: $id) {
    ...IssueSummary
    description
    team { id }
    needs(first: ${NEEDS_PER_ISSUE}) {
      nodes { id body url customer { id name revenue tier { displayName } } }
    }
    comments(first: 250) { nodes { id } }
  }
}
${ISSUE_SUMMARY}`;

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
