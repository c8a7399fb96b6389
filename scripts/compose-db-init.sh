#!/bin/sh
# Run once by the postgres image when docker compose first creates the database volume
# (/docker-entrypoint-initdb.d). The desk connects as `factdesk`: it owns its database and
# tables, and is no superuser, so it cannot switch the server's own safeguards off. The
# image's superuser (`postgres`) is for maintenance only.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v password="$FACTDESK_DB_PASSWORD" <<'SQL'
CREATE ROLE factdesk LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
CREATE DATABASE factdesk OWNER factdesk;
SQL
