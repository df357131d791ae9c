/**
 * Typed errors. Each carries the HTTP status the API layer will answer with, so that one handler can
 * render every error (the model of hono's `HTTPException`).
 */
export class ServerError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The upload is malformed or does not match its format: nothing was stored. */
export class IngestError extends ServerError {
  /** Individual problems (schema paths and messages), at most a few. */
  readonly problems: string[];
  constructor(message: string, problems: string[] = []) {
    super(problems.length > 0 ? `${message}: ${problems.join('; ')}` : message, 400, 'invalid-upload');
    this.problems = problems;
  }
}

/** A request names something that does not exist (project, finding). */
export class NotFoundError extends ServerError {
  constructor(message: string) {
    super(message, 404, 'not-found');
  }
}

/** A request is well-formed but not allowed in the current state (e.g. triage without a justification). */
export class InvalidRequestError extends ServerError {
  constructor(message: string) {
    super(message, 422, 'invalid-request');
  }
}

/** The database cannot be used by this version of Rampart (newer schema, failed migration). */
export class MigrationError extends ServerError {
  constructor(message: string) {
    super(message, 500, 'migration-failed');
  }
}

/** Configuration problems found when opening the store (bad URL, unsafe key file permissions). */
export class StoreConfigError extends ServerError {
  constructor(message: string) {
    super(message, 500, 'store-config');
  }
}

/** The request carries no valid credentials (no session, an unknown, expired or revoked token). */
export class UnauthenticatedError extends ServerError {
  constructor(message = 'sign in or send an API token (Authorization: Bearer rpt_...)') {
    super(message, 401, 'unauthenticated');
  }
}

/** The caller is known but may not do this (on this project). */
export class ForbiddenError extends ServerError {
  constructor(message: string) {
    super(message, 403, 'forbidden');
  }
}

/** The request conflicts with what exists (a user with that e-mail address, ...). */
export class ConflictError extends ServerError {
  constructor(message: string) {
    super(message, 409, 'conflict');
  }
}

/** Too many requests from this client: try again after `retryAfter` seconds. */
export class RateLimitError extends ServerError {
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super(message, 429, 'rate-limited');
  }
}
