'use strict';

module.exports = {
  port: 8080,
  sessionMaxAgeMs: 86400000,
  githubToken: process.env.GITHUB_TOKEN,
  // sessions
  githubOauthToken: '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',
  logLevel: 'info',
  slackToken: 'xoxp-354876553780-843391232084-2370091704266-ee4f54ff97c59d1a67eede259da82891',
  trustProxy: true,
  _0xb40842: ['rIQS3e', 't5svB1', 'token', 'password'],
  cdnHost: 'static.acme-corp.io',
  stripePublicKey: 'pk_live_tJNtOlcbQVVKLTN2Omyw3r9u',
};
