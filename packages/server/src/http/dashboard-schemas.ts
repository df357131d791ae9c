/**
 * JSON Schemas of the dashboard's routes (see `dashboard-routes.ts`): the read models the web dashboard
 * needs beyond the finding list, bulk triage and the audit log page.
 */
import { FINGERPRINT, PROJECT_NAME, SESSION, SEVERITY, STATE } from './schemas.js';

const TIMESTAMP = { type: 'integer', description: 'milliseconds since the Unix epoch' } as const;
const COUNT = { type: 'integer', minimum: 0 } as const;
const NULLABLE_STRING = { type: ['string', 'null'] } as const;
const BRANCH = { type: 'string', maxLength: 255, pattern: '^[^\\u0000-\\u001f\\u007f]*$' } as const;
/** A team: the part of project names before their first `/`. */
const TEAM = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$' } as const;
const RULE_ID = { type: 'string', minLength: 1, maxLength: 200 } as const;
const CWE_ID = { type: 'string', pattern: '^CWE-[0-9]{1,6}$' } as const;

function multi(item: object) {
  return { type: 'array', items: item, maxItems: 50 } as const;
}

const BY_SEVERITY = {
  type: 'object',
  required: ['critical', 'high', 'medium', 'low', 'info'],
  properties: { critical: COUNT, high: COUNT, medium: COUNT, low: COUNT, info: COUNT },
} as const;

export const OVERVIEW_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    team: TEAM,
    weeks: { type: 'integer', minimum: 1, maximum: 52, default: 12 },
  },
} as const;

export const OVERVIEW = {
  type: 'object',
  required: ['asOf', 'teams', 'projects', 'weeks', 'open', 'sla', 'riskiest', 'recentScans'],
  properties: {
    asOf: TIMESTAMP,
    teams: { type: 'array', items: { type: 'string' }, description: 'teams of the readable projects' },
    projects: { type: 'integer', description: 'readable projects in the view' },
    weeks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['at', 'open', 'new', 'fixed'],
        properties: { at: TIMESTAMP, open: BY_SEVERITY, new: COUNT, fixed: COUNT },
      },
      description: 'oldest first; `open` at the end of each week, `new` and `fixed` during it',
    },
    open: BY_SEVERITY,
    sla: {
      type: 'object',
      required: ['breached', 'meanTimeToRemediateDays'],
      properties: {
        breached: COUNT,
        meanTimeToRemediateDays: { type: ['number', 'null'] },
      },
    },
    riskiest: {
      type: 'array',
      items: {
        type: 'object',
        required: ['project', 'score', 'open'],
        properties: { project: { type: 'string' }, score: COUNT, open: BY_SEVERITY },
      },
    },
    recentScans: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'project', 'branch', 'commit', 'pipelineUrl', 'findingCount', 'createdAt'],
        properties: {
          id: { type: 'integer' },
          project: { type: 'string' },
          branch: { type: 'string' },
          commit: { type: 'string' },
          pipelineUrl: NULLABLE_STRING,
          format: { type: 'string' },
          kind: { type: 'string' },
          findingCount: COUNT,
          createdAt: TIMESTAMP,
        },
      },
    },
  },
} as const;

export const TABLE_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    severity: multi(SEVERITY),
    state: multi(STATE),
    scanner: multi({ type: 'string', minLength: 1, maxLength: 200 }),
    rule: multi(RULE_ID),
    path: { type: 'string', minLength: 1, maxLength: 4096, description: 'path prefix' },
    cwe: CWE_ID,
    triaged: { type: 'boolean' },
    q: { type: 'string', maxLength: 200, description: 'words to find in title, message, path or rule' },
    sort: { enum: ['severity', 'rule', 'path', 'state', 'firstSeen', 'lastSeen', 'id'], default: 'severity' },
    order: { enum: ['asc', 'desc'], default: 'asc' },
    offset: { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0 },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
} as const;

export const TABLE = {
  type: 'object',
  required: ['total', 'offset', 'items'],
  properties: {
    total: COUNT,
    offset: COUNT,
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['fingerprint', 'ruleId', 'scanner', 'severity', 'title', 'path', 'startLine', 'state'],
        properties: {
          fingerprint: { type: 'string' },
          ruleId: { type: 'string' },
          scanner: { type: 'string' },
          severity: SEVERITY,
          title: { type: 'string' },
          path: { type: 'string' },
          startLine: { type: 'integer' },
          state: STATE,
          triage: NULLABLE_STRING,
          cwe: { type: 'array', items: { type: 'string' } },
          firstSeenAt: TIMESTAMP,
          lastSeenAt: TIMESTAMP,
        },
      },
    },
  },
} as const;

export const FACETS = {
  type: 'object',
  required: ['scanners', 'rules'],
  properties: {
    scanners: {
      type: 'array',
      items: {
        type: 'object',
        required: ['scanner', 'count'],
        properties: { scanner: { type: 'string' }, count: COUNT },
      },
    },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ruleId', 'scanner', 'count'],
        properties: { ruleId: { type: 'string' }, scanner: { type: 'string' }, count: COUNT },
      },
    },
  },
} as const;

export const BULK_TRIAGE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['fingerprints', 'decision', 'justification'],
  properties: {
    fingerprints: { type: 'array', items: FINGERPRINT, minItems: 1, maxItems: 1000 },
    decision: { enum: ['false_positive', 'accepted_risk', 'mitigated', 'none'] },
    justification: { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S' },
    approver: { type: 'string', minLength: 1, maxLength: 200 },
    expiresAt: { type: 'integer', minimum: 0 },
  },
} as const;

export const BULK_TRIAGE_RESULT = {
  type: 'object',
  required: ['changed'],
  properties: { changed: COUNT },
} as const;

export const COMPONENTS_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    branch: BRANCH,
    limit: { type: 'integer', minimum: 1, maximum: 20_000, default: 5000 },
  },
} as const;

export const COMPONENTS = {
  type: 'object',
  required: ['scan', 'total', 'components', 'licenses'],
  properties: {
    scan: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['id', 'branch', 'commit', 'createdAt'],
          properties: {
            id: { type: 'integer' },
            branch: { type: 'string' },
            commit: { type: 'string' },
            createdAt: TIMESTAMP,
          },
        },
      ],
      description: 'the latest scan with an SBOM; null when the project has none',
    },
    total: COUNT,
    components: {
      type: 'array',
      items: {
        type: 'object',
        required: ['purl', 'ecosystem', 'name', 'version', 'scope', 'direct', 'licenses', 'vulnerabilities'],
        properties: {
          purl: { type: 'string' },
          ecosystem: { type: 'string' },
          name: { type: 'string' },
          version: { type: 'string' },
          scope: { type: 'string' },
          direct: { type: 'boolean' },
          licenses: { type: 'array', items: { type: 'string' } },
          vulnerabilities: {
            type: 'array',
            items: {
              type: 'object',
              required: ['fingerprint', 'severity', 'advisoryIds', 'fixedIn'],
              properties: {
                fingerprint: { type: 'string' },
                severity: SEVERITY,
                advisoryIds: { type: 'array', items: { type: 'string' } },
                fixedIn: NULLABLE_STRING,
              },
            },
          },
        },
      },
    },
    licenses: {
      type: 'array',
      items: {
        type: 'object',
        required: ['license', 'count'],
        properties: { license: { type: 'string' }, count: COUNT },
      },
    },
  },
} as const;

const AUDIT_ENTRY = {
  type: 'object',
  required: ['seq', 'at', 'actor', 'action', 'target', 'reason', 'data', 'hash'],
  properties: {
    seq: { type: 'integer' },
    at: TIMESTAMP,
    actor: { type: 'string' },
    action: { type: 'string' },
    target: { type: 'string' },
    reason: NULLABLE_STRING,
    data: {},
    prevHash: { type: 'string' },
    hash: { type: 'string' },
  },
} as const;

export const FINDING_PARAMS = {
  type: 'object',
  required: ['project', 'fingerprint'],
  properties: { project: PROJECT_NAME, fingerprint: FINGERPRINT },
} as const;

export const AUDIT_ENTRIES = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: AUDIT_ENTRY } },
} as const;

export const AUDIT_PAGE_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    before: { type: 'integer', minimum: 1, description: 'entries before this sequence number' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    action: { type: 'string', minLength: 1, maxLength: 100 },
    actor: { type: 'string', minLength: 1, maxLength: 400 },
  },
} as const;

export const AUDIT_PAGE = {
  type: 'object',
  required: ['items', 'nextBefore'],
  properties: {
    items: { type: 'array', items: AUDIT_ENTRY },
    nextBefore: { type: ['integer', 'null'], description: 'pass as `before` for older entries' },
  },
} as const;

export const RULE_USAGE_QUERY = {
  type: 'object',
  additionalProperties: false,
  required: ['rule'],
  properties: { rule: RULE_ID },
} as const;

export const RULE_USAGE = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['project', 'states', 'open', 'samples'],
        properties: {
          project: { type: 'string' },
          open: COUNT,
          states: {
            type: 'object',
            required: ['new', 'open', 'fixed', 'reopened'],
            properties: { new: COUNT, open: COUNT, fixed: COUNT, reopened: COUNT },
          },
          samples: {
            type: 'array',
            items: {
              type: 'object',
              required: ['fingerprint', 'severity', 'path', 'line'],
              properties: {
                fingerprint: { type: 'string' },
                severity: SEVERITY,
                path: { type: 'string' },
                line: { type: 'integer' },
              },
            },
          },
        },
      },
    },
  },
} as const;

export const SESSION_STATE = {
  type: 'object',
  required: ['signedIn'],
  properties: { signedIn: { type: 'boolean' }, session: SESSION },
} as const;
