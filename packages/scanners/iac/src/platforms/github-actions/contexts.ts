/** Which GitHub contexts carry attacker-controlled data, and which triggers run with privileges. */
import { patternClassifier, Taint, type Classifier } from './expressions.js';

/**
 * Context properties an outside contributor controls (titles, bodies, branch names, commit messages and
 * authors). Anyone who can open an issue or a pull request from a fork can set them.
 */
export const UNTRUSTED_CONTEXTS: readonly string[] = [
  'github.head_ref',
  'github.event.issue.title',
  'github.event.issue.body',
  'github.event.pull_request.title',
  'github.event.pull_request.body',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.head.label',
  'github.event.pull_request.head.repo.default_branch',
  'github.event.comment.body',
  'github.event.review.body',
  'github.event.review_comment.body',
  'github.event.discussion.title',
  'github.event.discussion.body',
  'github.event.changes.title.from',
  'github.event.changes.body.from',
  'github.event.pages.*.page_name',
  'github.event.commits.*.message',
  'github.event.commits.*.author.email',
  'github.event.commits.*.author.name',
  'github.event.commits.*.committer.email',
  'github.event.commits.*.committer.name',
  'github.event.head_commit.message',
  'github.event.head_commit.author.email',
  'github.event.head_commit.author.name',
  'github.event.head_commit.committer.email',
  'github.event.head_commit.committer.name',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.display_title',
  'github.event.workflow_run.head_commit.message',
  'github.event.workflow_run.head_commit.author.email',
  'github.event.workflow_run.head_commit.author.name',
  'github.event.workflow_run.head_commit.committer.email',
  'github.event.workflow_run.head_commit.committer.name',
  'github.event.workflow_run.pull_requests.*.head.ref',
];

export const untrustedContext: Classifier = patternClassifier(UNTRUSTED_CONTEXTS);

/** Context properties that name the head (fork) side of a pull request: checking them out runs its code. */
export const PR_HEAD_CONTEXTS: readonly string[] = [
  'github.head_ref',
  'github.event.pull_request.head.sha',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.merge_commit_sha',
  'github.event.pull_request.head.repo.full_name',
  'github.event.workflow_run.head_sha',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.head_commit.id',
  'github.event.workflow_run.head_repository.full_name',
  'github.event.workflow_run.pull_requests.*.head.sha',
  'github.event.workflow_run.pull_requests.*.head.ref',
];

const prHead = patternClassifier(PR_HEAD_CONTEXTS);

/** Whether a context path names the pull request head. */
export function isPrHeadContext(segments: readonly string[]): boolean {
  return prHead(segments) === Taint.Value;
}

/**
 * Triggers whose runs get a token that may write and the repository's secrets while being started by
 * outsiders (a fork pull request, an issue or a comment).
 */
export const PRIVILEGED_TRIGGERS: readonly string[] = [
  'pull_request_target',
  'workflow_run',
  'issue_comment',
  'issues',
  'discussion',
  'discussion_comment',
];

/** Privileged triggers that concern a pull request's code (where checking it out is the risk). */
export const PR_PRIVILEGED_TRIGGERS: readonly string[] = [
  'pull_request_target',
  'workflow_run',
  'issue_comment',
];

/** Triggers that run for pull requests and comments from people outside the repository. */
export const FORK_TRIGGERS: readonly string[] = [
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'issue_comment',
];
