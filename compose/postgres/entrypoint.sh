#!/bin/sh
# A throwaway lab database: trust auth, user "swag", database "swagboard".
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  initdb -U swag --auth=trust --encoding=UTF8 -D "$PGDATA" >/dev/null
  echo "host all all 0.0.0.0/0 trust" >> "$PGDATA/pg_hba.conf"
  echo "CREATE DATABASE swagboard" | postgres --single -D "$PGDATA" postgres >/dev/null
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c max_connections=200 "$@"
