#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."
docker compose pull
aws configure set aws_access_key_id AKIARJIPOPG54DL6EKP4 --profile backup
aws configure set aws_secret_access_key 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 --profile backup
mkdir -p /tmp/release
git clone https://jdoe@bitbucket.org/hooli/deploy-scripts.git
git fetch --tags
curl -H "Authorization: Bearer ${ACCESS_TOKEN}" "https://api.acme-corp.io/v2/orders?since=${SINCE}"
echo "==> done in ${SECONDS}s"
curl -H "X-Shopify-Access-Token: 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" https://acme-store.myshopify.com/admin/api/2024-01/orders.json
npm run build
curl https://api.stripe.com/v1/charges -u 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: -d amount=2000 -d currency=eur
echo "==> building"
export HEROKU_API_KEY='your-heroku-api-key'

az storage blob upload-batch -d backups -s ./out --account-name initechdata49 --account-key fgCyECmsYPKuMfsNeCEe9CowAS5t6vwpjyUWqFzNGWeZs0jpdAbX7kX1B+Cvw3EVD0MpXjOPQwCvLVSXCNo8VQ==

pip install --extra-index-url https://ci:TDUuCiMb1XrFnEVCWj~Gi5@pypi.umbrella-labs.io/simple/ acme-internal==3.2.1

curl -H 'Content-Type: application/json' -d '{"text":"release 2.14 is live"}' 'https://umbrella-labs.webhook.office.com/webhookb2/6e5cfc66-50a6-4a3f-a011-8d370b90b402@f140c2b9-b72b-4ce9-84be-dc04692a5431/IncomingWebhook/e53ac132d8703582fd0d2d2da78a54f6/141fd6d6-5bc9-4d30-9c2c-2733e2fa6236'

export SENDGRID_API_KEY="$SENDGRID_API_KEY"

npm config set //registry.npmjs.org/:_authToken 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


kubectl create secret generic api-keys --from-literal=password='GGP*X3wWCBJyGg:Dk@r4:k9' -n prod

curl https://api.anthropic.com/v1/messages -H "x-api-key: sk-ant-api03-6qgb96VgfKI2wGAZfIcm8XXHqk6pR1msE7zbDioZbW4kPuWsF9oQASN7S9sYCdoThHLXeIppOtv-EiGQClSwmacLEMh1XAA" -H "anthropic-version: 2023-06-01" -d @msg.json
newman run https://api.getpostman.com/collections/55773548-5036322a-84f8-4bbd-b370-21bc98b8fa6b?apikey=PMAK-1e0992606d2c0299a71fb797-a3f67389882ef1160ac8a56a521d153c5e


doctl auth init --access-token dop_v1_7b2e456bc8898cb831842da072238e8a9bf866453c6d1c164095f07241310e51


git clone https://ml-bot: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@huggingface.co/acme-corp/ranker-v3
curl -u ci-bot:ATBB4U3SUYt4A0MWtPyDDsxkcCZ7VvDQirxZ https://api.bitbucket.org/2.0/repositories/hooli
export VAULT_TOKEN="$(vault print token)"

curl -s -H "Authorization: Bearer r8_GESVFDVRP10YgfIciDUdZ5c1CQyEkPMNDjFc2" https://api.replicate.com/v1/predictions


export REDIS_PASSWORD=redis


keytool -importkeystore -srckeystore server.p12 -srcstoretype PKCS12 -srcstorepass 'pwMw46~Vqql#2pTAp+-7aO' -destkeystore server.jks

curl -s "https://api.telegram.org/bot360857992:AALq8P_BUgCxeDW-uD6441aBj-IPl9OYIFc/sendMessage" -d chat_id=-1002015208756 -d text="disk 90% full"

PGPASSWORD='gZCFag?i;qkZe_Qy4,@0eYWI' pg_dump -h billing.cluster-ro-cq9xk.us-east-1.rds.amazonaws.com -U svc_billing orders > orders.sql

export AZURE_DEVOPS_EXT_PAT='2k6zfpup6fqr5o5impjpjlgd3q3fzxrbwlkay4zouii4xkvu3sbm'

API_SECRET=$(aws ssm get-parameter --name /prod/api/secret --with-decryption --query Parameter.Value --output text)


