/** `cockpit.yaml` excerpts the empty states offer; they follow the documented file format. */

export const WORKSPACE_SNIPPET = `version: 1
name: Acme Shop
environments:
  staging: { hosts: [stg-1], vars: { domain: staging.acme.com } }
  production: { hosts: [web-1], vars: { domain: acme.com }, protected: true }
hosts:
  stg-1: { ssh: deploy@stg-1.acme.internal }
  web-1: { ssh: web-1 }`;

export const SERVICE_SNIPPET = `services:
  api:
    description: Public HTTP API
    environments: [staging, production]`;

export const DEPLOY_SNIPPET = `services:
  api:
    deploy:
      strategy: releases
      path: /srv/api
      keep: 5
      build: { run: "npm ci && npm run build", upload: [dist, package.json] }
      hooks: { afterSwitch: "sudo systemctl restart api" }
      gate: [api-ready]`;

export const HEALTH_SNIPPET = `services:
  api:
    health:
      - { id: api-ready, http: "https://api.\${domain}/health/ready", expect: { status: 200, within: 800ms }, every: 30s, critical: true }
      - { id: api-cert, tls: "api.\${domain}", warnDays: 14 }`;

export const COST_SNIPPET = `cost:
  aws: { profile: acme-billing }
  budgets:
    - { name: All of AWS, monthly: 400 USD, alerts: [actual 80%, actual 100%, forecast 100%] }
    - { name: Production, filter: { tag: env=production }, monthly: 250 USD }`;

export const BACKUP_SNIPPET = `services:
  api:
    backups:
      - id: orders-db
        source: { s3: "s3://acme-backups/pg/orders/" }
        rpo: 26h
        verify: "pg_restore --list {file}"`;

export const DRILL_SNIPPET = `services:
  api:
    backups:
      - id: orders-db
        source: { s3: "s3://acme-backups/pg/orders/" }
        drill:
          host: drill-1
          restore: "pg_restore -d scratch {file}"
          checks: ["psql -d scratch -c 'select count(*) from orders'"]
          teardown: "dropdb scratch"
          rto: 30m
          every: 90d`;
