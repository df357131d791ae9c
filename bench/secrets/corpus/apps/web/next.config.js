'use strict';

module.exports = {
  trustProxy: true,
  secretsManagerPrefix: 'prod/web/',
  sessionMaxAgeMs: 86400000,
  sessionSecret: process.env['SESSION_SECRET'] || require('./dev-secret'),
  port: 8080,
  sendgridKey: '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',
  cdnHost: 'static.acme-corp.io',
  notionToken: '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',
  // sessions
  discordBotToken: 'ODMwNDcyNDkwMjE4NDIwNDg2.SZ2Yln.mEoDogNWssVHnwnmWBENpRrlGlTabEiQHB0rgd',
  logLevel: 'info',
};
