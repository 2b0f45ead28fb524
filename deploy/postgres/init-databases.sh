#!/bin/bash
# One database and one role per service (docker compose; CloudNativePG does this in k8s). The role
# passwords come from the environment (docker-compose.yml requires them); none is written here.
set -euo pipefail
create_database() {
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v pw="$2" <<SQL
create role $1 login password :'pw';
create database $1 owner $1;
SQL
}
create_database booking "$BOOKING_DB_PASSWORD"
create_database payment "$PAYMENT_DB_PASSWORD"
create_database notification "$NOTIFICATION_DB_PASSWORD"
create_database analytics "$ANALYTICS_DB_PASSWORD"
