#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."
docker compose pull
curl --request POST --url https://api.sendgrid.com/v3/mail/send --header "Authorization: Bearer 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"
curl -u ops@acme-corp.io:ATATT3xFfGF0YTukt4ospmwe_HaDVtCyUyYwz0Jv-YQ-HeyNkZ17iGzfjkAlwd47JjS2wSaf388EBHGoZCmV1ZCSGYmEQbzUbUOMuCTN42_U2rECMpryk_FwOUdjfnzytpB3fK0IbmhM2eCknz136D0eDNvJsCv_mpHJvE1OFL9CvbhLEKpAQFKH-32g70j3=C2B72A01 -H "Accept: application/json" https://acme-corp.atlassian.net/rest/api/3/myself
npm run build

mysql -h 10.20.4.17 -u deploy -p':UU,E7ll*l9FF7' shop < dump.sql
echo "==> done in ${SECONDS}s"
curl -H "Authorization: Basic cmVwb3J0aW5nOjhUU2sxaWZNTFJkYUAmVDt3Mw==" https://jenkins.globex.io/job/deploy/buildWithParameters

mkdir -p /tmp/release
curl --header "PRIVATE-TOKEN: glpat-HjRx5hB-D0k-ds6oyRdk" "https://gitlab.com/api/v4/projects?membership=true"

curl https://connect.squareup.com/v2/locations -H "Authorization: Bearer EAAA-hQXpf6SC6gqQzcolHsqex7WRQ3H_zA4_NtGutf-g1arIpsPjNoPF1ccljqJ"

curl -X GET "https://api.cloudflare.com/client/v4/zones" -H "X-Auth-Email: ops@acme-corp.io" -H "X-Auth-Key: b0598f2d127e93a7b43db846c7c2f23e97b12"
echo "==> building"
sshpass -p 'nMAe5ew9_E5%GAuXM#ehW#M' ssh -o StrictHostKeyChecking=no admin@10.20.4.31 'systemctl restart app'

curl -X POST https://api.newrelic.com/graphql -H "API-Key: NRAK-MRN9WZWI0WLV63116CUNR19U2NC" -d @query.json
git fetch --tags
git checkout 11b42e9ba19551ca81ba40d7e916e3221783ae72 -- migrations/
git clone https://jenkins:Oo20R84gsutndxi.KZrMepedQVz@git.umbrella-labs.io/scm/ops/ansible.git


psql "postgresql://orders_rw:nGuykzv32yNW5wIf_P@pg-main.internal.acme-corp.io:5432/orders" -c 'select count(*) from orders'


curl -s -H "Authorization: Bearer xoxb-719052916297-2509655040194-3nNgfnOH8X6DeZYjFX9KPcng" -d channel=C04QX2M8R1T -d text="deploy finished" https://slack.com/api/chat.postMessage


docker run -d --name dd-agent -e DD_API_KEY=b06898ff52d9da4bef03a5d3f6f7a3ac -e DD_SITE=datadoghq.eu gcr.io/datadoghq/agent:7
export HEROKU_API_TOKEN='HRKU-AAbD3aKuSezUennGwN7yt1gRfJKrxdgJwDMwFxBR-h693JxDWYzTilp9lLA0'

export DB_PASSWORD="$(cat /run/secrets/db_password)"

curl -X POST -H 'Content-type: application/json' --data '{"text":"backup finished"}' https://hooks.slack.com/services/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
sentry-cli --auth-token sntrys_eyJpYXQiOjE3NDEwNzcwMzIsInVybCI6Imh0dHBzOi8vc2VudHJ5LmlvIiwicmVnaW9uX3VybCI6Imh0dHBzOi8vZGUuc2VudHJ5LmlvIiwib3JnIjoiZ2xvYmV4In0_s7Ojlcdvu_RzPlAf1AxCxF0l63JEe8c8xwR-OoDu89h releases new "web@2.14.0"
git clone https://build:s7lkstvf4csurhdtezuc7qf42p4oz7fwl4u2ya4vseerjnns7kku@dev.azure.com/northwind/platform/_git/infra

curl -T backup.tar.gz ftp://backup:NE.7V.eH2l1Nsz_w2kzRW@files.globex.io/nightly/
git remote add origin git@github.com:hooli/api.git

curl -s "https://translation.googleapis.com/language/translate/v2?key=AIza9m2zctK47HakwuDJAdny3jXwYmmDDfUugrd" -d q=hello -d target=de

gpg --recv-keys D5DB475269C7AD3F492688EFF12A09C6ECD73F0B


doppler run --token dp.pt.9XzuAvKsUzQTu9oX6iC70LkwjKcAL56selwr8pu3eWh -- npm start

