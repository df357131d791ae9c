import type { Session } from './types.js';

/** May the signed-in user triage findings of `project`? (The server checks again: this only hides controls.) */
export function canTriage(session: Session, project: string): boolean {
  const user = session.user;
  if (user === undefined) return false;
  return user.admin || user.roles.some((r) => r.project === project && r.role === 'maintainer');
}
