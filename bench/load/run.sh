#!/usr/bin/env bash
# Share page under load (issue 14): starts the server in Release with the demo data on SQLite or PostgreSQL, makes share
# links with 1, 2 and 3 credentials, and measures the home page and the three share links in the same run, closed loop
# (N connections) then open loop (a fixed offered rate). Figures go to docs/benchmarks.md, "Share page under load".
#
#   bench/load/run.sh sqlite
#   OPENLER_LOAD_POSTGRES="Host=127.0.0.1;Username=postgres;Password=...;Database=postgres" bench/load/run.sh postgres
#
# Environment: SERVER_DIR  a published server to measure instead of publishing this checkout (e.g. an older build);
#              PORT (5080), CONNECTIONS (10), RATE (500), DURATION (15 s per path), WARMUP (3 s);
#              EXTRA       further server settings, e.g. "OpenLer__VerificationCache__Enabled=false".
# The load generator runs on the same machine as the server (they share its cores): figures are for the pair.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DB=${1:-sqlite}
PORT=${PORT:-5080}
CONNECTIONS=${CONNECTIONS:-10}
RATE=${RATE:-500}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-3}
WORK=$(mktemp -d /tmp/openler-load.XXXXXX)
BASE="http://127.0.0.1:$PORT"

dotnet build "$ROOT/bench/OpenLer.Load" -c Release -v q -nologo >/dev/null
LOAD="$ROOT/bench/OpenLer.Load/bin/Release/net10.0/OpenLer.Load.dll"
if [ -z "${SERVER_DIR:-}" ]; then
  dotnet publish "$ROOT/src/OpenLer.Server" -c Release -o "$WORK/server" -v q -nologo >/dev/null
  SERVER_DIR="$WORK/server"
fi

# Settings shared by the seeder and the server (same database, same data folder, so the same key file).
SETTINGS=(
  "Database:DataFolder=$WORK/data"
  "OpenLer:LocalBaseUrl=http://localhost:$PORT"
)
PG_NAME=""
if [ "$DB" = "postgres" ]; then
  : "${OPENLER_LOAD_POSTGRES:?set OPENLER_LOAD_POSTGRES to a PostgreSQL connection string}"
  PG_NAME="openler_load_$(date +%s)"
  SETTINGS+=("Database:Provider=Postgres" "Database:ConnectionString=${OPENLER_LOAD_POSTGRES%;};Database=$PG_NAME")
fi

SEED_ARGS=()
ENV_ARGS=()
for s in "${SETTINGS[@]}"; do
  SEED_ARGS+=(--setting "$s")
  key=${s%%=*}
  ENV_ARGS+=("${key//:/__}=${s#*=}")
done

(cd "$WORK" && dotnet "$LOAD" seed --out "$WORK/links" "${SEED_ARGS[@]}" >/dev/null)
mapfile -t LINKS < "$WORK/links"

# Demo mode needs the Development environment. Rate limits are raised for the load (the generator is one address), and
# information logs are off (console output is not what is measured).
(cd "$SERVER_DIR" && exec env "${ENV_ARGS[@]}" ASPNETCORE_ENVIRONMENT=Development Urls="$BASE" \
  OpenLer__RateLimits__Public__Permits=100000000 OpenLer__RateLimits__Public__WindowSeconds=1 \
  OpenLer__RateLimits__ShareOpen__Permits=100000000 OpenLer__RateLimits__ShareOpen__WindowSeconds=1 \
  Logging__LogLevel__Default=Warning ${EXTRA:-} \
  dotnet OpenLer.Server.dll > "$WORK/server.log" 2>&1) &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  if [ -n "$PG_NAME" ]; then
    # psql takes libpq key=value pairs: Host/Port/Username/Password/Database become host/port/user/password/dbname.
    LIBPQ=$(echo "${OPENLER_LOAD_POSTGRES%;};Database=postgres" | tr ';' '\n' | sed -E 's/^Host=/host=/I; s/^Port=/port=/I; s/^(Username|User ID)=/user=/I; s/^Password=/password=/I; s/^Database=/dbname=/I' | tr '\n' ' ')
    psql "$LIBPQ" -qc "DROP DATABASE IF EXISTS \"$PG_NAME\" WITH (FORCE)" >/dev/null 2>&1 || echo "Could not drop $PG_NAME" >&2
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 1 240); do
  curl -fs "$BASE/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
if ! curl -fs "$BASE/healthz" >/dev/null 2>&1; then
  echo "The server did not start; its log:" >&2
  tail -30 "$WORK/server.log" >&2
  exit 1
fi

PATHS=(--path "home=/" --path "share-1=${LINKS[0]}" --path "share-2=${LINKS[1]}" --path "share-3=${LINKS[2]}")
echo "# $DB, server $(basename "$SERVER_DIR"), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg), $(date -u +%FT%TZ)"
dotnet "$LOAD" run --base "$BASE" --mode closed --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" "${PATHS[@]}"
dotnet "$LOAD" run --base "$BASE" --mode open --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" "${PATHS[@]}"
