'use strict';

module.exports = {
  logLevel: 'info',
  mongoUrl: 'mongodb://app:kOHoCq_da-WpNnsUlXV-ixZc802@mongo-0.db:27017,mongo-1.db:27017/events?replicaSet=rs0&authSource=admin',
  port: 8080,
  render: function(e,t){var n=e.secretKey||t.apiKey,r=n&&n.length>8;return r?n.slice(0,4)+"****":""},
  accessKeyId: 'AKIABMHO5HYKOWD63LM4',
  secretAccessKey: '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',
  sessionMaxAgeMs: 86400000,
  // sessions
  apnsKey: `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEInZ1v9hOL5yJdH9Zhc4b9T1LhdwhDtjxnYeebXu/atwEjj0Ic8nmy7lC
Kae0mXCNlpaBb+mRW/6IBIYVlauFIDVWWlGw/x4/W72fAKiQ+nQJtuk7odkWyyun
i/Ybsx644l71gazz1+kYf0fs2PFNUjZ2NS==
-----END EC PRIVATE KEY-----`,
  trustProxy: true,
  braintreeAccessToken: 'access_token$production$uk88zh9xj5t0c9cz$099e656d120f274867f9376691b4364e',
  cdnHost: 'static.acme-corp.io',
};
