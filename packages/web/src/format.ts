/** Formatting shared by the pages: dates in UTC (the same for every reader), counts, commits. */

export function formatDate(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return new Date(ms).toISOString().slice(0, 10);
}

export function formatDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const numbers = new Intl.NumberFormat('en');

export function formatCount(n: number): string {
  return numbers.format(n);
}

export function shortCommit(sha: string): string {
  return sha === '' ? '—' : sha.slice(0, 10);
}

/** A link to a commit, when the pipeline URL names a known forge; otherwise undefined. */
export function commitUrl(pipelineUrl: string | null, commit: string): string | undefined {
  if (pipelineUrl === null || commit === '') return undefined;
  let url: URL;
  try {
    url = new URL(pipelineUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const [owner, repo] = url.pathname.split('/').filter(Boolean);
  if (owner === undefined || repo === undefined) return undefined;
  if (url.hostname === 'github.com') return `${url.origin}/${owner}/${repo}/commit/${commit}`;
  // GitLab: https://gitlab.example/group/project/-/pipelines/1 -> .../group/project/-/commit/<sha>
  const dash = url.pathname.indexOf('/-/');
  if (dash > 0) return `${url.origin}${url.pathname.slice(0, dash)}/-/commit/${commit}`;
  return undefined;
}

export function label(text: string): string {
  return text.replace(/_/g, ' ');
}
