#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."
curl "https://api.mapbox.com/uploads/v1/acme-maps?access_token=sk.eyJ1IjoiaW5pdGVjaC1tYXBzIiwiYSI6ImNsOTk1d3E5MmZ0bjFtbGN3cnNqZ3o0M2oifQ.muTA5EPb98bGGjcyjZTah3"
huggingface-cli login --token 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
echo "==> building"
docker login -u acmebot -p dckr_pat__G5avvbnHM_M0gtDhXiI8MzCLCQ
git fetch --tags
git clone https://jdoe:ATBBbi9omoxHmZ0iQBp2U0NrLppy5rET4wJ1@bitbucket.org/hooli/deploy-scripts.git
npm run build
curl -X POST https://login.acme-corp.io/oauth2/token -d grant_type=client_credentials -d scope=orders.read
docker compose pull
snyk auth 456c3e3b-0f05-4b99-ab26-93dc3c7f7a16


gitlab-runner register --non-interactive --url https://gitlab.com/ --registration-token GR1348941kw_WBvBJBcDtS4JEPwnh --executor docker
echo "==> done in ${SECONDS}s"
mkdir -p /tmp/release
curl -H "Authorization: SSWS 00KvPTB196iBxaLVGXHjr-dYcvDtjknl6N4RFnfrHK" https://hooli.okta.com/api/v1/users?limit=200

git clone https://x-access-token:ghs_VLzI1cVCiTBmmjmdEA9dAweWjHrnBP3QtOrZ@github.com/hooli/infra-modules.git

curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMzAzY2JiYi1kOGEzLTRkZDMtYjcxNy1kNmRlMTY4ZTk0NWQiLCJlbWFpbCI6ImtpbUBhY21lLWNvcnAuaW8iLCJyb2xlIjoib3BzIiwiaWF0IjoxNzQxMDc1MjAwLCJleHAiOjE3NzI2MTEyMDB9.kBI8a7yKyZZXl2piCoE06BJnJyRI19k6UUtKpkEmoKo" https://api.acme-corp.io/v2/orders
curl -H "Authorization: Bearer glsa_XKJwsSC8YmpSMQ9K8oArDopO7DmYoIgy_ad6c29e2" https://grafana.hooli.io/api/dashboards/uid/k8s-nodes

az login --service-principal -u 544b347e-41b8-41b1-b5f1-c676a0ce23a5 -p 'IAj7Q~qQrR44JzDUKII28YL3nb9~1CiFk_yuoDSZ' --tenant 49475691-21e6-4fb9-b1cf-985b2d554efe


export GITHUB_TOKEN="$(gh auth token)"

curl -H "Content-Type: application/json" -d '{"content":"nightly build failed"}' https://discordapp.com/api/webhooks/5321526752208506113/mTXUKU5kL0Gi9G7Ci08cfeXSW4mieOIROijJkqlB48-DmmNewUprtBlImIUIeoclRwdf


vault login hvs.Wk81I6ZfBtcNYEn6UDqWhX1P

pulumi login --cloud-url https://api.pulumi.com && export PULUMI_ACCESS_TOKEN=pul-41108b8b662407d0bfa1a607c111ec752ac8f115
export AZURE_STORAGE_KEY='rYSlzaKCihVMSfkNWeKH0jrQYUJKucaqaSdowOc8qnc37nSIgjscAuvJh4vhle3MSYODYIVsQL0GMy41vEHGHw=='


curl -s --user 'api:key-7188e73b84e168b5e8a6a0d15aac2ffc' https://api.mailgun.net/v3/mg.acme-corp.io/messages -F to=ops@initech.io

twine upload -u __token__ -p pypi-AgEIcHlwaS5vcmcJVdNfawLP3V-dwN5vikKiY_WEnBBpzhCuRv1ttOCAaI3p4d_q7LsuMkIx2yXO2c2bGqDMOQfHfD1z7RIXiGgdtdaXDzknRCd_q0XJr3UzkRUUH1xjnstWZZkVEdrbBC0CSN3wExBXkTGKc11EzSmqaPs-kVqZ_Or__PHT3guhYUcnC8HUL dist/*

git remote add mirror https://oauth2:glpat-STF9wYocDz4kPGwAJdjJ@gitlab.hooli.io/platform/api.git


curl -H "Authorization: token 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" https://api.github.com/repos/globex/billing/releases/latest

dotnet nuget push bin/Release/*.nupkg --api-key oy21fu8sugfvbwh5v0f2fkdalkpg3e57m7vnwa652ta4dv --source https://api.nuget.org/v3/index.json

curl -X POST -F token=glptt-f293b964101b5c5f7da8069bfb2a92f2571c77c4 -F ref=main https://gitlab.com/api/v4/projects/48213/trigger/pipeline

curl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer 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" -H "Content-Type: application/json" -d @req.json

az account set --subscription b50931f0-702a-4618-bba7-11cfade4ec7e


