/**
 * JSON Schemas of the API: request validation at the boundary and the OpenAPI document both come from
 * these. Response schemas document what handlers return; tests check responses against them.
 */

export const PROJECT_NAME = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$' } as const;
export const FINGERPRINT = { type: 'string', pattern: '^[0-9a-f]{1,128}$' } as const;
export const SEVERITY = { enum: ['critical', 'high', 'medium', 'low', 'info'] } as const;
export const STATE = { enum: ['new', 'open', 'fixed', 'reopened'] } as const;
const TIMESTAMP = { type: 'integer', description: 'milliseconds since the Unix epoch' } as const;
const ID = { type: 'integer', minimum: 1 } as const;
const NULLABLE_STRING = { type: ['string', 'null'] } as const;
const NULLABLE_TIMESTAMP = { type: ['integer', 'null'] } as const;
const BRANCH = { type: 'string', maxLength: 255, pattern: '^[^\\u0000-\\u001f\\u007f]*$' } as const;
const COMMIT = { type: 'string', pattern: '^[0-9a-fA-F]{7,64}$' } as const;
const PIPELINE_URL = { type: 'string', maxLength: 2048, format: 'uri', pattern: '^https?://' } as const;
const KIND = { enum: ['full', 'partial'] } as const;
/** An opaque page cursor (`nextCursor` of the previous page). */
export const CURSOR = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;

export const ERROR = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        problems: { type: 'array', items: { type: 'string' } },
      },
    },
  },
} as const;

export const PROJECT_PARAMS = {
  type: 'object',
  required: ['project'],
  properties: { project: PROJECT_NAME },
} as const;

export const PROJECT = {
  type: 'object',
  required: ['name', 'createdAt'],
  properties: { name: { type: 'string' }, createdAt: TIMESTAMP },
} as const;

export const SCAN = {
  type: 'object',
  required: [
    'id',
    'project',
    'branch',
    'commit',
    'pipelineUrl',
    'tool',
    'ruleSet',
    'scanners',
    'format',
    'kind',
    'findingCount',
    'componentCount',
    'createdAt',
  ],
  properties: {
    id: ID,
    project: { type: 'string' },
    branch: { type: 'string' },
    commit: { type: 'string' },
    pipelineUrl: NULLABLE_STRING,
    tool: {
      type: 'object',
      required: ['name', 'version'],
      properties: { name: { type: 'string' }, version: { type: 'string' } },
    },
    ruleSet: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'version'],
        properties: { id: { type: 'string' }, version: { type: 'string' }, rules: { type: 'integer' } },
      },
    },
    scanners: { type: 'array', items: { type: 'string' } },
    configHash: NULLABLE_STRING,
    contentHash: { type: 'string' },
    format: { enum: ['rampart-json', 'sarif', 'sbom', 'watch'] },
    kind: KIND,
    findingCount: { type: 'integer' },
    componentCount: { type: 'integer' },
    createdAt: TIMESTAMP,
  },
} as const;

const TRIAGE = {
  type: 'object',
  required: ['decision', 'justification', 'approver', 'actor', 'expiresAt', 'at'],
  properties: {
    decision: { type: 'string' },
    justification: NULLABLE_STRING,
    approver: NULLABLE_STRING,
    actor: NULLABLE_STRING,
    expiresAt: NULLABLE_TIMESTAMP,
    at: NULLABLE_TIMESTAMP,
  },
} as const;

export const FINDING = {
  type: 'object',
  required: [
    'id',
    'project',
    'fingerprint',
    'tool',
    'scanner',
    'ruleId',
    'severity',
    'title',
    'message',
    'location',
    'cwe',
    'state',
    'triage',
    'firstSeenAt',
    'lastSeenAt',
  ],
  properties: {
    id: ID,
    project: { type: 'string' },
    fingerprint: { type: 'string' },
    tool: { type: 'string' },
    scanner: { type: 'string' },
    ruleId: { type: 'string' },
    severity: SEVERITY,
    title: { type: 'string' },
    message: { type: 'string' },
    location: {
      type: 'object',
      required: ['path', 'startLine', 'startColumn', 'endLine', 'endColumn'],
      properties: {
        path: { type: 'string' },
        startLine: { type: 'integer' },
        startColumn: { type: 'integer' },
        endLine: { type: 'integer' },
        endColumn: { type: 'integer' },
        snippet: { type: 'string' },
      },
    },
    cwe: { type: 'array', items: { type: 'string' } },
    details: {},
    suppression: NULLABLE_STRING,
    state: STATE,
    stateChangedAt: TIMESTAMP,
    triage: { anyOf: [{ type: 'null' }, TRIAGE] },
    firstSeenAt: TIMESTAMP,
    lastSeenAt: TIMESTAMP,
    firstScanId: ID,
    lastScanId: ID,
    fixedAt: NULLABLE_TIMESTAMP,
    fixedScanId: { type: ['integer', 'null'] },
  },
} as const;

export const FINDING_DETAIL = {
  type: 'object',
  required: ['finding', 'scans', 'triageHistory'],
  properties: {
    finding: FINDING,
    scans: { type: 'array', items: SCAN, description: 'the scans that saw the finding, newest first' },
    triageHistory: { type: 'array', items: TRIAGE },
  },
} as const;

export function page(items: object) {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items },
      nextCursor: {
        type: ['string', 'null'],
        description: 'pass as `cursor` for the next page; null at the end',
      },
    },
  } as const;
}

export function list(items: object) {
  return {
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items } },
  } as const;
}

/** One value or several (`?severity=high&severity=critical`). */
function multi(item: object) {
  return { type: 'array', items: item, maxItems: 50 } as const;
}

export const FINDINGS_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    severity: multi(SEVERITY),
    state: multi(STATE),
    scanner: multi({ type: 'string', minLength: 1, maxLength: 200 }),
    rule: multi({ type: 'string', minLength: 1, maxLength: 200 }),
    path: { type: 'string', minLength: 1, maxLength: 4096, description: 'path prefix' },
    triaged: { type: 'boolean' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    cursor: CURSOR,
  },
} as const;

export const SCANS_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    branch: BRANCH,
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
    cursor: CURSOR,
  },
} as const;

/** The context of an upload whose body is the document itself (SARIF, CycloneDX, native result). */
export const UPLOAD_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    branch: BRANCH,
    commit: COMMIT,
    pipelineUrl: PIPELINE_URL,
    kind: KIND,
  },
} as const;

const UPLOAD_ENVELOPE = {
  title: 'Upload',
  description: 'A report and/or an SBOM with the context of the scan that produced them.',
  type: 'object',
  additionalProperties: false,
  anyOf: [{ required: ['report'] }, { required: ['sbom'] }],
  properties: {
    branch: BRANCH,
    commit: COMMIT,
    pipelineUrl: PIPELINE_URL,
    kind: KIND,
    configHash: { type: 'string', minLength: 1, maxLength: 200 },
    format: { enum: ['rampart-json', 'sarif'] },
    tool: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        version: { type: 'string', maxLength: 200 },
      },
    },
    report: {
      type: ['object', 'string'],
      description: 'a Rampart JSON result (format 1.x) or a SARIF 2.1.0 log',
    },
    sbom: { type: ['object', 'string'], description: 'CycloneDX (JSON or XML text) or SPDX 2.x JSON' },
  },
} as const;

const RAW_DOCUMENT = {
  title: 'Document',
  description:
    'A SARIF 2.1.0 log, a Rampart JSON result or a CycloneDX/SPDX JSON SBOM as the whole body; the context goes in the query string.',
  type: 'object',
  anyOf: [
    { required: ['version', 'runs'] },
    { required: ['schemaVersion', 'findings'] },
    { required: ['bomFormat'] },
    { required: ['spdxVersion'] },
  ],
} as const;

export const UPLOAD_BODY = { anyOf: [UPLOAD_ENVELOPE, RAW_DOCUMENT] } as const;

export const INGEST_RESULT = {
  type: 'object',
  required: ['scanId', 'project', 'duplicate', 'findings', 'created', 'reopened', 'fixed'],
  properties: {
    scanId: ID,
    project: { type: 'string' },
    duplicate: { type: 'boolean' },
    findings: { type: 'integer' },
    created: { type: 'integer' },
    reopened: { type: 'integer' },
    fixed: { type: 'integer' },
    expired: { type: 'integer' },
    components: { type: 'integer' },
    skippedComponents: { type: 'integer' },
  },
} as const;

export const TRIAGE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['decision', 'justification'],
  properties: {
    decision: { enum: ['false_positive', 'accepted_risk', 'mitigated', 'none'] },
    justification: { type: 'string', minLength: 1, maxLength: 4000 },
    approver: { type: 'string', minLength: 1, maxLength: 200 },
    expiresAt: { type: 'integer', minimum: 0 },
  },
} as const;

export const PACKAGE_USAGE = {
  type: 'object',
  required: ['project', 'branch', 'commit', 'scanId', 'purl', 'name', 'version'],
  properties: {
    project: { type: 'string' },
    branch: { type: 'string' },
    commit: { type: 'string' },
    scanId: ID,
    scannedAt: TIMESTAMP,
    purl: { type: 'string' },
    ecosystem: { type: 'string' },
    name: { type: 'string' },
    version: { type: 'string' },
    scope: { type: 'string' },
    direct: { type: 'boolean' },
  },
} as const;

export const PACKAGES_QUERY = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 400 },
    version: { type: 'string', minLength: 1, maxLength: 200 },
    ecosystem: { type: 'string', minLength: 1, maxLength: 100 },
    history: { type: 'boolean', default: false },
  },
} as const;

const EMAIL = { type: 'string', minLength: 3, maxLength: 320 } as const;
const PASSWORD = { type: 'string', minLength: 1, maxLength: 1024 } as const;

export const LOGIN_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password'],
  properties: { email: EMAIL, password: PASSWORD },
} as const;

export const SETUP_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['setupToken', 'email', 'password'],
  properties: {
    setupToken: { type: 'string', minLength: 1, maxLength: 200 },
    email: EMAIL,
    password: PASSWORD,
  },
} as const;

const ROLE = { enum: ['maintainer', 'viewer'] } as const;

export const USER = {
  type: 'object',
  required: ['id', 'email', 'admin', 'disabled', 'createdAt', 'roles'],
  properties: {
    id: ID,
    email: { type: 'string' },
    admin: { type: 'boolean' },
    disabled: { type: 'boolean' },
    createdAt: TIMESTAMP,
    roles: {
      type: 'array',
      items: {
        type: 'object',
        required: ['project', 'role'],
        properties: { project: { type: 'string' }, role: ROLE },
      },
    },
  },
} as const;

export const USER_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password'],
  properties: { email: EMAIL, password: PASSWORD, admin: { type: 'boolean', default: false } },
} as const;

export const USER_PARAMS = {
  type: 'object',
  required: ['userId'],
  properties: { userId: ID },
} as const;

export const MEMBER_PARAMS = {
  type: 'object',
  required: ['project', 'userId'],
  properties: { project: PROJECT_NAME, userId: ID },
} as const;

export const MEMBER_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['role'],
  properties: { role: ROLE },
} as const;

const SESSION_USER = {
  type: 'object',
  required: ['id', 'email', 'admin', 'roles'],
  properties: { id: ID, email: { type: 'string' }, admin: { type: 'boolean' }, roles: USER.properties.roles },
} as const;

export const SESSION = {
  type: 'object',
  required: ['kind'],
  properties: {
    kind: { enum: ['user', 'token'] },
    user: SESSION_USER,
    csrfToken: { type: 'string', description: 'send as the X-CSRF-Token header on state-changing requests' },
    token: {
      type: 'object',
      properties: { id: ID, name: { type: 'string' }, scope: { enum: ['ingest', 'read', 'metrics'] } },
    },
  },
} as const;

export const TOKEN = {
  type: 'object',
  required: ['id', 'name', 'scope', 'projects', 'createdBy', 'createdAt', 'expiresAt', 'revokedAt'],
  properties: {
    id: ID,
    name: { type: 'string' },
    scope: { enum: ['ingest', 'read', 'metrics'] },
    projects: { type: 'array', items: { type: 'string' } },
    createdBy: { type: 'string' },
    createdAt: TIMESTAMP,
    expiresAt: TIMESTAMP,
    revokedAt: NULLABLE_TIMESTAMP,
  },
} as const;

export const NEW_TOKEN = {
  type: 'object',
  required: ['token', 'info'],
  properties: {
    token: { type: 'string', description: 'the secret (rpt_...): shown this once, store it now' },
    info: TOKEN,
  },
} as const;

export const TOKEN_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'scope', 'projects'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f\\u007f]+$' },
    scope: { enum: ['ingest', 'read', 'metrics'] },
    projects: {
      type: 'array',
      items: PROJECT_NAME,
      maxItems: 100,
      uniqueItems: true,
      description: 'at least one, except for a `metrics` token (none: it is server-wide)',
    },
    expiresInDays: { type: 'integer', minimum: 1, maximum: 366, default: 90 },
  },
} as const;

export const TOKEN_PARAMS = {
  type: 'object',
  required: ['tokenId'],
  properties: { tokenId: ID },
} as const;

export const AUDIT_VERIFICATION = {
  type: 'object',
  required: ['ok', 'entries', 'checkpoints', 'sealedThrough', 'unsealed', 'problems'],
  properties: {
    ok: { type: 'boolean' },
    entries: { type: 'integer' },
    checkpoints: { type: 'integer' },
    sealedThrough: { type: 'integer' },
    unsealed: { type: 'integer' },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'seq', 'message'],
        properties: { kind: { type: 'string' }, seq: { type: 'integer' }, message: { type: 'string' } },
      },
    },
  },
} as const;

export const STATUS = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string' }, schemaVersion: { type: 'integer' } },
} as const;

export const EMPTY = { type: 'null', description: 'no content' } as const;

// ------------------------------------------------------------------------------- SLA and compliance

const SLA_DAYS = { type: 'integer', minimum: 1, maximum: 3650 } as const;

export const SLA_POLICY = {
  type: 'object',
  additionalProperties: false,
  required: ['critical', 'high', 'medium', 'low'],
  properties: { critical: SLA_DAYS, high: SLA_DAYS, medium: SLA_DAYS, low: SLA_DAYS },
  description: 'days from first seen to the remediation deadline, per severity',
} as const;

export const SLA_POLICY_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: { critical: SLA_DAYS, high: SLA_DAYS, medium: SLA_DAYS, low: SLA_DAYS },
  description:
    "the server's policy; severities left out use the server's configured or default days. `{}` removes the stored policy",
} as const;

export const SLA_POLICY_VIEW = {
  type: 'object',
  required: ['policy', 'stored'],
  properties: {
    policy: SLA_POLICY,
    stored: { ...SLA_POLICY_BODY, type: ['object', 'null'], description: 'what was set through the API' },
  },
} as const;

const SLA_SEVERITY = { enum: ['critical', 'high', 'medium', 'low'] } as const;

const SLA_SUMMARY = {
  type: 'array',
  items: {
    type: 'object',
    required: ['severity', 'days', 'open', 'breached', 'fixed', 'meanTimeToRemediateDays'],
    properties: {
      severity: SLA_SEVERITY,
      days: SLA_DAYS,
      open: { type: 'integer', minimum: 0, description: 'unresolved, untriaged findings' },
      breached: { type: 'integer', minimum: 0, description: 'of those, past their deadline' },
      fixed: { type: 'integer', minimum: 0 },
      meanTimeToRemediateDays: {
        type: ['number', 'null'],
        description: 'mean days from first seen to fixed; null when nothing was fixed',
      },
    },
  },
} as const;

export const SLA_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 0, maximum: 1000, default: 100 } },
} as const;

export const PROJECT_SLA = {
  type: 'object',
  required: ['project', 'asOf', 'policy', 'severities', 'breaches', 'moreBreaches'],
  properties: {
    project: { type: 'string' },
    asOf: TIMESTAMP,
    policy: SLA_POLICY,
    severities: SLA_SUMMARY,
    breaches: {
      type: 'array',
      description: 'open findings past their deadline, the earliest deadline first (at most `limit`)',
      items: {
        type: 'object',
        required: [
          'fingerprint',
          'ruleId',
          'severity',
          'title',
          'path',
          'firstSeenAt',
          'dueAt',
          'daysOverdue',
        ],
        properties: {
          fingerprint: { type: 'string' },
          ruleId: { type: 'string' },
          severity: SLA_SEVERITY,
          title: { type: 'string' },
          path: { type: 'string' },
          firstSeenAt: TIMESTAMP,
          dueAt: TIMESTAMP,
          daysOverdue: { type: 'integer', minimum: 0 },
        },
      },
    },
    moreBreaches: { type: 'boolean', description: 'more breaches exist than listed' },
  },
} as const;

export const SLA_OVERVIEW = {
  type: 'object',
  required: ['asOf', 'policy', 'totals', 'projects'],
  properties: {
    asOf: TIMESTAMP,
    policy: SLA_POLICY,
    totals: SLA_SUMMARY,
    projects: {
      type: 'array',
      items: {
        type: 'object',
        required: ['project', 'severities'],
        properties: { project: { type: 'string' }, severities: SLA_SUMMARY },
      },
    },
  },
} as const;

export const COMPLIANCE_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { format: { enum: ['json', 'csv'], default: 'json' } },
} as const;

const COMPLIANCE_COUNTS = {
  open: { type: 'integer', minimum: 0, description: 'unresolved, without a triage decision' },
  triaged: { type: 'integer', minimum: 0, description: 'unresolved, with a triage decision' },
  fixed: { type: 'integer', minimum: 0 },
  rules: { type: 'array', items: { type: 'string' } },
} as const;

export const COMPLIANCE = {
  type: 'object',
  required: ['project', 'standards', 'unmapped'],
  properties: {
    project: { type: 'string' },
    standards: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'source', 'categories'],
        properties: {
          id: { enum: ['owasp-top10-2021', 'owasp-asvs-4.0.3'] },
          name: { type: 'string' },
          source: { type: 'string' },
          categories: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'name', 'open', 'triaged', 'fixed', 'rules'],
              properties: { id: { type: 'string' }, name: { type: 'string' }, ...COMPLIANCE_COUNTS },
            },
          },
        },
      },
    },
    unmapped: {
      type: 'object',
      required: ['open', 'triaged', 'fixed', 'rules'],
      properties: COMPLIANCE_COUNTS,
    },
  },
} as const;
