import { sql, type ColumnDefinitionBuilder, type Kysely, type Transaction } from 'kysely';
import { MigrationError } from '../errors.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Migration {
  version: number;
  name: string;
  up(db: Transaction<Database>, dialect: DialectName): Promise<void>;
}

const notNull = (c: ColumnDefinitionBuilder) => c.notNull();

/**
 * Versioned migrations, applied in order on open. Never edit a shipped migration: add a new one.
 * Each runs in its own transaction together with its row in `schema_migrations`.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'projects, scans, findings, occurrences, components, triage decisions, audit log',
    async up(db, dialect) {
      // 64-bit integers: ids and millisecond timestamps. SQLite's integer is 64-bit already, and its
      // `integer primary key` is the rowid.
      const big = dialect === 'postgres' ? 'bigint' : 'integer';
      const table = (name: keyof Database) =>
        db.schema
          .createTable(name)
          .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey());

      await table('projects')
        .addColumn('name', 'text', notNull)
        .addColumn('created_at', big, notNull)
        .addUniqueConstraint('projects_name_unique', ['name'])
        .execute();

      await table('scans')
        .addColumn('project_id', big, (c) => c.notNull().references('projects.id'))
        .addColumn('branch', 'text', notNull)
        .addColumn('commit_sha', 'text', notNull)
        .addColumn('pipeline_url', 'text')
        .addColumn('tool_name', 'text', notNull)
        .addColumn('tool_version', 'text', notNull)
        .addColumn('rule_set', 'text', notNull)
        .addColumn('scanners', 'text', notNull)
        .addColumn('config_hash', 'text')
        .addColumn('content_hash', 'text', notNull)
        .addColumn('format', 'text', notNull)
        .addColumn('kind', 'text', notNull)
        .addColumn('finding_count', big, notNull)
        .addColumn('component_count', big, notNull)
        .addColumn('created_at', big, notNull)
        .addUniqueConstraint('scans_upload_unique', [
          'project_id',
          'branch',
          'commit_sha',
          'tool_name',
          'content_hash',
        ])
        .execute();
      await db.schema
        .createIndex('scans_project_branch')
        .on('scans')
        .columns(['project_id', 'branch', 'id'])
        .execute();

      await table('findings')
        .addColumn('project_id', big, (c) => c.notNull().references('projects.id'))
        .addColumn('fingerprint', 'text', notNull)
        .addColumn('tool_name', 'text', notNull)
        .addColumn('scanner', 'text', notNull)
        .addColumn('rule_id', 'text', notNull)
        .addColumn('severity', 'text', notNull)
        .addColumn('title', 'text', notNull)
        .addColumn('message', 'text', notNull)
        .addColumn('path', 'text', notNull)
        .addColumn('start_line', big, notNull)
        .addColumn('start_column', big, notNull)
        .addColumn('end_line', big, notNull)
        .addColumn('end_column', big, notNull)
        .addColumn('snippet', 'text')
        .addColumn('cwe', 'text', notNull)
        .addColumn('details', 'text')
        .addColumn('suppression', 'text')
        .addColumn('state', 'text', notNull)
        .addColumn('state_changed_at', big, notNull)
        .addColumn('triage', 'text')
        .addColumn('triage_justification', 'text')
        .addColumn('triage_approver', 'text')
        .addColumn('triage_actor', 'text')
        .addColumn('triage_expires_at', big)
        .addColumn('triage_at', big)
        .addColumn('first_seen_at', big, notNull)
        .addColumn('last_seen_at', big, notNull)
        .addColumn('first_scan_id', big, (c) => c.notNull().references('scans.id'))
        .addColumn('last_scan_id', big, (c) => c.notNull().references('scans.id'))
        .addColumn('fixed_at', big)
        .addColumn('fixed_scan_id', big, (c) => c.references('scans.id'))
        .addUniqueConstraint('findings_fingerprint_unique', ['project_id', 'fingerprint'])
        .execute();
      await db.schema
        .createIndex('findings_project_state')
        .on('findings')
        .columns(['project_id', 'state'])
        .execute();
      await db.schema
        .createIndex('findings_triage_expiry')
        .on('findings')
        .columns(['triage', 'triage_expires_at'])
        .execute();

      await db.schema
        .createTable('finding_branches')
        .addColumn('finding_id', big, (c) => c.notNull().references('findings.id'))
        .addColumn('branch', 'text', notNull)
        .addColumn('present', big, notNull)
        .addColumn('last_scan_id', big, (c) => c.notNull().references('scans.id'))
        .addPrimaryKeyConstraint('finding_branches_pk', ['finding_id', 'branch'])
        .execute();

      await db.schema
        .createTable('occurrences')
        .addColumn('scan_id', big, (c) => c.notNull().references('scans.id'))
        .addColumn('finding_id', big, (c) => c.notNull().references('findings.id'))
        .addColumn('path', 'text', notNull)
        .addColumn('start_line', big, notNull)
        .addColumn('end_line', big, notNull)
        .addColumn('severity', 'text', notNull)
        .addPrimaryKeyConstraint('occurrences_pk', ['scan_id', 'finding_id'])
        .execute();
      await db.schema
        .createIndex('occurrences_finding')
        .on('occurrences')
        .columns(['finding_id', 'scan_id'])
        .execute();

      await table('components')
        .addColumn('scan_id', big, (c) => c.notNull().references('scans.id'))
        .addColumn('project_id', big, (c) => c.notNull().references('projects.id'))
        .addColumn('purl', 'text', notNull)
        .addColumn('ecosystem', 'text', notNull)
        .addColumn('name', 'text', notNull)
        .addColumn('version', 'text', notNull)
        .addColumn('scope', 'text', notNull)
        .addColumn('direct', big, notNull)
        .addColumn('licenses', 'text')
        .execute();
      await db.schema.createIndex('components_scan').on('components').columns(['scan_id']).execute();
      await db.schema.createIndex('components_name').on('components').columns(['name', 'version']).execute();
      await db.schema.createIndex('components_purl').on('components').columns(['purl']).execute();

      await table('triage_decisions')
        .addColumn('finding_id', big, (c) => c.notNull().references('findings.id'))
        .addColumn('decision', 'text', notNull)
        .addColumn('justification', 'text')
        .addColumn('approver', 'text')
        .addColumn('actor', 'text', notNull)
        .addColumn('expires_at', big)
        .addColumn('created_at', big, notNull)
        .execute();
      await db.schema
        .createIndex('triage_decisions_finding')
        .on('triage_decisions')
        .columns(['finding_id', 'id'])
        .execute();

      // The audit log's sequence number is assigned by the writer (previous + 1), never by the database,
      // so that a gap means a deleted entry.
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', big, (c) => c.primaryKey())
        .addColumn('at', big, notNull)
        .addColumn('actor', 'text', notNull)
        .addColumn('action', 'text', notNull)
        .addColumn('target', 'text', notNull)
        .addColumn('reason', 'text')
        .addColumn('data', 'text')
        .addColumn('prev_hash', 'text', notNull)
        .addColumn('hash', 'text', notNull)
        .execute();
      await db.schema
        .createTable('audit_checkpoints')
        .addColumn('seq', big, (c) => c.primaryKey())
        .addColumn('hash', 'text', notNull)
        .addColumn('at', big, notNull)
        .addColumn('key_id', 'text', notNull)
        .addColumn('signature', 'text', notNull)
        .execute();
    },
  },
  {
    version: 2,
    name: 'users, project roles, API tokens, sessions',
    async up(db, dialect) {
      const big = dialect === 'postgres' ? 'bigint' : 'integer';
      const id = (c: ColumnDefinitionBuilder) => c.primaryKey();
      const idType = dialect === 'postgres' ? 'bigserial' : 'integer';
      await db.schema
        .createTable('users')
        .addColumn('id', idType, id)
        .addColumn('email', 'text', notNull)
        .addColumn('password_hash', 'text', notNull)
        .addColumn('admin', big, notNull)
        .addColumn('created_at', big, notNull)
        .addColumn('disabled_at', big)
        .addUniqueConstraint('users_email_unique', ['email'])
        .execute();
      await db.schema
        .createTable('project_members')
        .addColumn('user_id', big, (c) => c.notNull().references('users.id'))
        .addColumn('project', 'text', notNull)
        .addColumn('role', 'text', notNull)
        .addColumn('created_at', big, notNull)
        .addPrimaryKeyConstraint('project_members_pk', ['user_id', 'project'])
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', idType, id)
        .addColumn('name', 'text', notNull)
        .addColumn('token_hash', 'text', notNull)
        .addColumn('scope', 'text', notNull)
        .addColumn('created_by', 'text', notNull)
        .addColumn('created_at', big, notNull)
        .addColumn('expires_at', big, notNull)
        .addColumn('revoked_at', big)
        .addUniqueConstraint('api_tokens_hash_unique', ['token_hash'])
        .execute();
      await db.schema
        .createTable('api_token_projects')
        .addColumn('token_id', big, (c) => c.notNull().references('api_tokens.id'))
        .addColumn('project', 'text', notNull)
        .addPrimaryKeyConstraint('api_token_projects_pk', ['token_id', 'project'])
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', big, (c) => c.notNull().references('users.id'))
        .addColumn('created_at', big, notNull)
        .addColumn('expires_at', big, notNull)
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();
    },
  },
  {
    version: 3,
    name: 'server settings (SLA policy)',
    async up(db, dialect) {
      const big = dialect === 'postgres' ? 'bigint' : 'integer';
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', notNull)
        .addColumn('updated_at', big, notNull)
        .addColumn('updated_by', 'text', notNull)
        .execute();
    },
  },
  {
    version: 4,
    name: 'finding list indexes (pages by id within a project, filtered by severity or rule)',
    async up(db) {
      // Without (project_id, id) SQLite sorted every finding of the project for each page (bench/server:
      // p95 0.7-3.9 s at 1M findings); the filtered variants keep sparse filters from scanning the project.
      await db.schema
        .createIndex('findings_project_id')
        .on('findings')
        .columns(['project_id', 'id'])
        .execute();
      await db.schema
        .createIndex('findings_project_severity_id')
        .on('findings')
        .columns(['project_id', 'severity', 'id'])
        .execute();
      await db.schema
        .createIndex('findings_project_rule_id')
        .on('findings')
        .columns(['project_id', 'rule_id', 'id'])
        .execute();
    },
  },
  {
    version: 5,
    name: 'webhooks, their delivery log (a durable outbox) and the SLA breaches already notified',
    async up(db, dialect) {
      const big = dialect === 'postgres' ? 'bigint' : 'integer';
      const idType = dialect === 'postgres' ? 'bigserial' : 'integer';
      await db.schema
        .createTable('webhooks')
        .addColumn('id', idType, (c) => c.primaryKey())
        .addColumn('name', 'text', notNull)
        .addColumn('url', 'text', notNull)
        .addColumn('format', 'text', notNull)
        .addColumn('events', 'text', notNull)
        .addColumn('projects', 'text', notNull)
        .addColumn('min_severity', 'text', notNull)
        .addColumn('secret', 'text', notNull)
        .addColumn('enabled', big, notNull)
        .addColumn('created_by', 'text', notNull)
        .addColumn('created_at', big, notNull)
        .addColumn('updated_at', big, notNull)
        .execute();
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', idType, (c) => c.primaryKey())
        .addColumn('webhook_id', big, (c) => c.notNull().references('webhooks.id'))
        .addColumn('event_id', 'text', notNull)
        .addColumn('event_type', 'text', notNull)
        .addColumn('project', 'text')
        .addColumn('payload', 'text', notNull)
        .addColumn('status', 'text', notNull)
        .addColumn('attempts', big, notNull)
        .addColumn('next_attempt_at', big)
        .addColumn('last_status_code', big)
        .addColumn('last_error', 'text')
        .addColumn('created_at', big, notNull)
        .addColumn('updated_at', big, notNull)
        .addColumn('delivered_at', big)
        .execute();
      // The dispatcher's question (what is due?) and the delivery log's (newest first, per webhook).
      await db.schema
        .createIndex('webhook_deliveries_due')
        .on('webhook_deliveries')
        .columns(['status', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_webhook')
        .on('webhook_deliveries')
        .columns(['webhook_id', 'id'])
        .execute();
      await db.schema
        .createTable('sla_notifications')
        .addColumn('finding_id', big, (c) => c.primaryKey().references('findings.id'))
        .addColumn('notified_at', big, notNull)
        .execute();
    },
  },
  {
    version: 6,
    name: 'OIDC identities of users (issuer, subject) and pending OIDC sign-ins',
    async up(db, dialect) {
      const big = dialect === 'postgres' ? 'bigint' : 'integer';
      // One row per account at an OpenID provider: the provider's (issuer, subject) pair names a person
      // for good, unlike the e-mail address, which the provider may let them change.
      await db.schema
        .createTable('user_identities')
        .addColumn('issuer', 'text', notNull)
        .addColumn('subject', 'text', notNull)
        .addColumn('user_id', big, (c) => c.notNull().references('users.id'))
        .addColumn('admin_from_groups', big, notNull)
        .addColumn('created_at', big, notNull)
        .addColumn('last_sign_in_at', big, notNull)
        .addPrimaryKeyConstraint('user_identities_pk', ['issuer', 'subject'])
        .execute();
      await db.schema
        .createIndex('user_identities_user')
        .on('user_identities')
        .columns(['user_id'])
        .execute();
      // A sign-in between the redirect to the provider and its callback: single use, short-lived, and
      // found only through the browser's cookie (the id is a hash of its secret).
      await db.schema
        .createTable('oidc_logins')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', notNull)
        .addColumn('nonce', 'text', notNull)
        .addColumn('code_verifier', 'text', notNull)
        .addColumn('return_to', 'text', notNull)
        .addColumn('created_at', big, notNull)
        .addColumn('expires_at', big, notNull)
        .execute();
    },
  },
  {
    version: 8,
    name: 'dashboard indexes (audit entries of one target; scanners and rules of a project)',
    async up(db) {
      // The finding page lists the audit entries of `finding:<id>`; without this it read the whole log.
      await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target', 'seq']).execute();
      // The findings table's filter choices (rules per scanner, with counts) from the index alone: at
      // 100k findings the grouping read every row (about 240 ms on SQLite) and held the event loop.
      await db.schema
        .createIndex('findings_project_scanner_rule')
        .on('findings')
        .columns(['project_id', 'scanner', 'rule_id'])
        .execute();
    },
  },
  {
    version: 9,
    name: 'PostgreSQL: no per-row foreign-key triggers on the bulk tables (findings, occurrences, branches)',
    async up(db, dialect) {
      // PostgreSQL checks a foreign key with a trigger per inserted or updated row that looks up and
      // share-locks the parent row: seven such checks per finding made up about a third of a 100k-finding
      // upload (bench/server). These rows are written only by `recordScan` and `fixAbsent`, inside the
      // transaction that created or read the referenced scan, project and finding rows, and nothing is
      // ever deleted from these tables; the contract suite checks the references after every kind of
      // upload. SQLite keeps its (cheap) checks.
      if (dialect !== 'postgres') return;
      const constraints: [string, string][] = [
        ['findings', 'findings_project_id_fkey'],
        ['findings', 'findings_first_scan_id_fkey'],
        ['findings', 'findings_last_scan_id_fkey'],
        ['findings', 'findings_fixed_scan_id_fkey'],
        ['occurrences', 'occurrences_scan_id_fkey'],
        ['occurrences', 'occurrences_finding_id_fkey'],
        ['finding_branches', 'finding_branches_finding_id_fkey'],
        ['finding_branches', 'finding_branches_last_scan_id_fkey'],
      ];
      // Fixed names from this list, never input.
      for (const [table, name] of constraints)
        await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.ref(name)}`.execute(db);
    },
  },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/**
 * Bring the database up to the latest migration. Idempotent; refuses a database written by a newer
 * Rampart. `lock` serialises concurrent starts (an advisory lock on PostgreSQL; SQLite's write lock
 * does it there). Returns the versions before and after.
 */
export async function migrate(
  db: Kysely<Database>,
  dialect: DialectName,
  lock: (trx: Transaction<Database>) => Promise<void>,
  now: () => number,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<{ from: number; to: number }> {
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  const integer = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('version', integer, (c) => c.primaryKey())
    .addColumn('name', 'text', notNull)
    .addColumn('applied_at', integer, notNull)
    .execute();
  const from = await schemaVersion(db);
  const refuseNewer = (current: number) => {
    if (current > latest)
      throw new MigrationError(
        `the database has schema version ${current}, newer than this Rampart knows (${latest}): ` +
          'upgrade Rampart, or restore a backup taken before the upgrade',
      );
  };
  refuseNewer(from);
  // Applied by version, not by "everything up to the highest": a migration numbered below one that is
  // already applied (branches merged in another order) still runs.
  const applied = async (q: Kysely<Database> | Transaction<Database>, version: number) =>
    (await q
      .selectFrom('schema_migrations')
      .select('version')
      .where('version', '=', version)
      .executeTakeFirst()) !== undefined;
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (await applied(db, migration.version)) continue;
    await db.transaction().execute(async (trx) => {
      await lock(trx);
      // Read again under the lock: another process may have migrated meanwhile.
      refuseNewer(await schemaVersion(trx));
      if (await applied(trx, migration.version)) return;
      try {
        await migration.up(trx, dialect);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationError(`migration ${migration.version} (${migration.name}) failed: ${reason}`);
      }
      await trx
        .insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, applied_at: now() })
        .execute();
    });
  }
  return { from, to: Math.max(from, latest) };
}

/** The schema version recorded in the database (0 for a new one). */
export async function schemaVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}
