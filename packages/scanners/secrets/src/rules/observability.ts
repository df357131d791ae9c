import type { SecretRule } from '../secret-rule.js';

/**
 * Monitoring, logging and error-tracking services. Their keys read logs, traces and error reports,
 * which routinely carry request bodies, personal data and more secrets; ingest keys let an attacker
 * flood or forge telemetry.
 */
export const OBSERVABILITY_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/datadog-api-key',
    title: 'Datadog API key',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Datadog API key (32 hex digits) assigned to DD_API_KEY, datadog_api_key or sent as DD-API-KEY. It ' +
      'submits metrics, logs and events to the organisation and, with an application key, reads everything.',
    help: {
      bad: 'DD_API_KEY=617d5b4c291bcf12a021756aac61691e', // rampart-ignore: secrets/* synthetic documentation example
      good: 'DD_API_KEY=${DD_API_KEY}',
      fix: 'Revoke the key under Organization Settings > API Keys, create a new one and inject it from a secret store.',
    },
    references: ['https://docs.datadoghq.com/account_management/api-app-keys/'],
    // `dd` alone is in every other word (add, padding): the keywords carry what follows it.
    keywords: ['datadog', 'ddapi', 'dd_api', 'dd-api', 'dd.api'],
    pattern:
      /(?:[Dd]atadog|DATADOG|(?<![A-Za-z])(?:DD|dd))[_.-]?(?:API|[Aa]pi)[_.-]?(?:KEY|[Kk]ey)["']?\s{0,4}[:=]{1,3}>?\s{0,4}["']?(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/datadog-app-key',
    title: 'Datadog application key',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Datadog application key (40 hex digits) assigned to DD_APP_KEY, datadog_application_key or sent as ' +
      'DD-APPLICATION-KEY. With an API key it reads and changes dashboards, monitors, logs and users with the ' +
      "rights of the key's owner.",
    help: {
      bad: "DD_APP_KEY: '21b1c1ddbe14f3a9ec222124266c38453b9033a8'", // rampart-ignore: secrets/* synthetic documentation example
      good: 'DD_APP_KEY: ${DD_APP_KEY}',
      fix: 'Revoke the key under Organization Settings > Application Keys, create a scoped one and keep it in a secret store.',
    },
    references: ['https://docs.datadoghq.com/account_management/api-app-keys/'],
    keywords: ['datadog', 'ddapp', 'dd_app', 'dd-app', 'dd.app'],
    pattern:
      /(?:[Dd]atadog|DATADOG|(?<![A-Za-z])(?:DD|dd))[_.-]?(?:APP|[Aa]pp|APPLICATION|[Aa]pplication)[_.-]?(?:KEY|[Kk]ey)["']?\s{0,4}[:=]{1,3}>?\s{0,4}["']?(?<secret>[0-9a-f]{40})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/newrelic-user-api-key',
    title: 'New Relic user API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A New Relic user API key (NRAK-). It calls NerdGraph as its user: reads all telemetry of the accounts, ' +
      'changes alerts and dashboards, and manages other keys.',
    help: {
      bad: 'NEW_RELIC_API_KEY=NRAK-9KPTDF37NA0T42IFXERT3SSPG22', // rampart-ignore: secrets/* synthetic documentation example
      good: 'NEW_RELIC_API_KEY=${NEW_RELIC_API_KEY}',
      fix: 'Delete the key in the New Relic API keys UI, create a new one and keep it in a secret store.',
    },
    references: ['https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/'],
    keywords: ['nrak-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>NRAK-[A-Z0-9]{27})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/newrelic-insights-key',
    title: 'New Relic Insights key',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A New Relic Insights insert key (NRII-) or query key (NRIQ-). An insert key forges custom events; a query ' +
      'key reads event data of the account.',
    help: {
      bad: "insights_insert_key: 'NRII-Bf1S-zjzwfOwkFGHQAjhcnfaoQG6K38F'", // rampart-ignore: secrets/* synthetic documentation example
      good: 'insights_insert_key: ${NEW_RELIC_INSERT_KEY}',
      fix: 'Delete the key in the New Relic API keys UI, prefer a license key for ingest, and keep it in a secret store.',
    },
    references: ['https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/'],
    keywords: ['nrii-', 'nriq-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>NRI[IQ]-[A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/newrelic-license-key',
    title: 'New Relic license key',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A New Relic ingest license key (40 characters ending in NRAL). It reports metrics, events, logs and ' +
      'traces into the account: enough to flood it or to forge data behind alerts.',
    help: {
      bad: "license_key: 'c6t1at0kheyxxds5svud24908uh2a3m4el6eNRAL'", // rampart-ignore: secrets/* synthetic documentation example
      good: 'license_key: ${NEW_RELIC_LICENSE_KEY}',
      fix: 'Create a new license key in the New Relic API keys UI, delete the old one and inject the key at deploy time.',
    },
    references: ['https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/#license-key'],
    keywords: ['nral'],
    pattern: /(?<![A-Za-z0-9])(?<secret>[a-z0-9]{36}NRAL)(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/sentry-auth-token',
    title: 'Sentry auth token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Sentry organisation auth token (sntrys_) or user auth token (sntryu_). It uploads releases and source ' +
      'maps and, with wider scopes, reads issues and events, which hold stack traces and request data.',
    help: {
      bad: 'SENTRY_AUTH_TOKEN=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', // rampart-ignore: secrets/* synthetic documentation example
      good: 'SENTRY_AUTH_TOKEN=${SENTRY_AUTH_TOKEN}',
      fix: 'Revoke the token in Sentry (Organization Tokens or User Auth Tokens), create a new one and keep it in CI secrets.',
    },
    references: ['https://docs.sentry.io/account/auth-tokens/'],
    keywords: ['sntrys_', 'sntryu_'],
    pattern:
      /(?<![A-Za-z0-9_])(?<secret>sntrys_eyJ[A-Za-z0-9+/=_-]{60,1000}|sntryu_[0-9a-f]{64})(?![A-Za-z0-9+/=_-])/,
  },
  {
    id: 'secrets/sentry-dsn-secret',
    title: 'Sentry DSN secret key',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'The secret half of a legacy Sentry DSN (https://<public>:<secret>@.../<project>). Modern DSNs carry only ' +
      'the public key and are safe to ship; the secret lets anyone submit events as a trusted server.',
    help: {
      bad: "SENTRY_DSN = 'https://851a4cee311acdcf290c357fbd97fb61:9c92c3ab941fb24a98b0140a4d1cfe77@o123456.ingest.sentry.io/4504567'", // rampart-ignore: secrets/* synthetic documentation example
      good: "SENTRY_DSN = 'https://bca35a28e2db218efbbb737528b4e5d9@o123456.ingest.sentry.io/4504567'",
      fix: 'Rotate the client key of the project in Sentry and use the DSN without a secret key.',
    },
    references: ['https://docs.sentry.io/concepts/key-terms/dsn-explainer/'],
    keywords: ['sentry'],
    pattern:
      /https?:\/\/[0-9a-f]{32}:(?<secret>[0-9a-f]{32})@[A-Za-z0-9.-]{0,80}sentry[A-Za-z0-9.-]{0,80}(?::[0-9]{1,5})?\/(?:[A-Za-z0-9_-]{1,40}\/){0,3}[0-9]{1,12}/,
  },
  {
    id: 'secrets/grafana-cloud-token',
    title: 'Grafana Cloud access policy token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Grafana Cloud access policy or API token (glc_). Depending on its scopes it reads and writes metrics, ' +
      'logs and traces of the stack or manages the stack itself.',
    help: {
      bad: 'GRAFANA_CLOUD_TOKEN=glc_QpzLZtYQMBQUOflDKwhCcSD3FngcXHpxrwUq8IlVAOlMqQeJ32Q2zCcWkk1wgWyistlPeg0nt8NXMJSfeKR7cdU7yryiqhNXl29we8DtiC/OkAsHS/jrgprW', // rampart-ignore: secrets/* synthetic documentation example
      good: 'GRAFANA_CLOUD_TOKEN=${GRAFANA_CLOUD_TOKEN}',
      fix: 'Delete the token of the access policy in the Grafana Cloud portal, create a narrowly scoped one and keep it in a secret store.',
    },
    references: [
      'https://grafana.com/docs/grafana-cloud/account-management/authentication-and-permissions/access-policies/',
    ],
    keywords: ['glc_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>glc_[A-Za-z0-9+/]{32,400}={0,2})(?![A-Za-z0-9+/=])/,
    minEntropy: 3.5,
  },
  {
    id: 'secrets/grafana-service-account-token',
    title: 'Grafana service account token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Grafana service account token (glsa_). It calls the Grafana HTTP API with the role of its service ' +
      'account: dashboards, data sources (with their credentials) and, for admins, users.',
    help: {
      bad: "headers = {'Authorization': 'Bearer glsa_2JBnxpgeljvAzccAK7tOufidXHCWsKHE_efcd1715'}", // rampart-ignore: secrets/* synthetic documentation example
      good: "headers = {'Authorization': f\"Bearer {os.environ['GRAFANA_TOKEN']}\"}",
      fix: 'Delete the token of the service account in Grafana, create a new one with the least role and keep it in a secret store.',
    },
    references: ['https://grafana.com/docs/grafana/latest/administration/service-accounts/'],
    keywords: ['glsa_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>glsa_[A-Za-z0-9]{32}_[0-9a-f]{8})(?![A-Za-z0-9_])/,
  },
  {
    id: 'secrets/grafana-api-key',
    title: 'Grafana legacy API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A legacy Grafana API key: base64 of {"k":..., "n":..., "id":...}, so it starts eyJrIjoi. It calls the ' +
      'Grafana HTTP API with its role (Viewer, Editor or Admin).',
    help: {
      bad: 'grafana_api_key = "eyJrIjoiYNTsG5mr9v5HMzGS2q6fMP8iwGKkGhvPIiwibiI6ImNpIiwiaWQiOjF9"', // rampart-ignore: secrets/* synthetic documentation example
      good: 'grafana_api_key = var.grafana_api_key',
      fix: 'Delete the API key in Grafana, migrate to a service account token and keep it in a secret store.',
    },
    references: ['https://grafana.com/docs/grafana/latest/administration/service-accounts/migrate-api-keys/'],
    keywords: ['eyjrijoi'],
    pattern: /(?<![A-Za-z0-9+/])(?<secret>eyJrIjoi[A-Za-z0-9+/]{40,160}={0,2})(?![A-Za-z0-9+/=])/,
  },
  {
    id: 'secrets/dynatrace-api-token',
    title: 'Dynatrace API token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Dynatrace API token (dt0c01.<public id>.<secret>). With its scopes it reads monitoring data, ingests ' +
      'metrics and logs, or changes the environment configuration.',
    help: {
      bad: 'DT_API_TOKEN=dt0c01.4F5LH227XNXG1JWYU6V3H43W.PO7OROLR6F5CQ62UVFUNY91A51LL3221DLDDUWJJ2371ZD4ZM2FOKBI6ZGEWVBCA', // rampart-ignore: secrets/* synthetic documentation example
      good: 'DT_API_TOKEN=${DT_API_TOKEN}',
      fix: 'Revoke the token under Access tokens in Dynatrace, create one with the least scopes and keep it in a secret store.',
    },
    references: [
      'https://docs.dynatrace.com/docs/manage/identity-access-management/access-tokens-and-oauth-clients/access-tokens',
    ],
    keywords: ['dt0c01.'],
    pattern: /(?<![A-Za-z0-9])(?<secret>dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/splunk-hec-token',
    title: 'Splunk HTTP Event Collector token',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Splunk HTTP Event Collector token (a UUID) sent as "Authorization: Splunk <token>" or assigned to a ' +
      'Splunk token name. It writes events into the indexes the token allows, enough to bury or forge audit trails.',
    help: {
      bad: "curl -H 'Authorization: Splunk 33AE6931-670B-4596-A734-F0D7B849C186' https://hec.corp.internal:8088/services/collector", // rampart-ignore: secrets/* synthetic documentation example
      good: 'curl -H "Authorization: Splunk $SPLUNK_HEC_TOKEN" https://hec.corp.internal:8088/services/collector',
      fix: 'Disable the token under Settings > Data inputs > HTTP Event Collector, create a new one and inject it from a secret store.',
    },
    references: ['https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector'],
    keywords: ['splunk'],
    pattern:
      /(?:Splunk\s{1,4}|(?:[Ss]plunk|SPLUNK)[A-Za-z0-9_.-]{0,24}(?:[Tt]oken|TOKEN)["']?\s{0,4}[:=]{1,3}>?\s{0,4}["']?)(?<secret>[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})(?![A-Za-z0-9-])/,
  },
];
