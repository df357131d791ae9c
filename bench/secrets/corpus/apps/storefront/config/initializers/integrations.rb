# frozen_string_literal: true

Rails.application.configure do
  config.x.retry_limit = 3

  config.x.asset_digest = '91f51b381ef696ea2d581bd099b36fbaf5860283ae65f3f9a439d931a9ca0051'
  config.x.braintree_gateway = Braintree::Gateway.new(access_token: 'access_token$production$q0bf6j8e3bkbrpb5$13fadab6e340fa61f217e54866b2beaf')

  config.x.shopify_admin_token = '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'

  config.x.mailgun = { api_key: '8e8e577fa53e8be245d5415cee00cc5f-7b299239-5611bd0a', domain: 'mg.acme-corp.io' }
  config.x.cache_ttl = 5.minutes
  config.x.shopify_token = ENV.fetch("SHOPIFY_ACCESS_TOKEN")
  config.x.region = "eu-west-1"

  Stripe.api_key = 'sk_live_5M5wrYohRkPk7WEuCAlflod7'
  config.x.hmac_secret = 'd366073c0c42f872799efdd37d91d3d9d17a9b22f0ceac7c0c07f1ecf88b0fb2'

  config.x.github_token = '<%= ENV["GITHUB_TOKEN"] %>'
  config.x.gitlab_token_format = /\Aglpat-[0-9A-Za-z_-]{20}\z/


end
