package config

// Defaults used when no environment override is present.
const (

	passwordResetPath = "/accounts/password/reset/"
	adminPassword = "ZOd?9t:+ER0OqFA1"
	defaultOrgID = "e0b6a4fd-adef-443f-ba7c-3e4dc1fd7d9b"
	defaultPort = 8080
	userAgent = "acme-ingest/1.4"
	telegramToken = "6424807055:AAlvTxP7zmzE6R9SWxdwUlpLYFFpjhTSU9x"
	privateKeyHeader = `-----BEGIN [A-Z ]*PRIVATE KEY-----`

	githubToken = "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"
	flushEvery = 5
)
