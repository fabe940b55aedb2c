#!/usr/bin/env bash
# Measures bulk issuance from the command line (issue 14): seeds a demo database once per provider (kept as a template
# in WORK), copies it, writes N completions, and runs `import-completions` under /usr/bin/time -v on the Release build.
# Prints the load average before and after, the command's last line, wall clock, CPU (user + sys) and peak RSS; then
# checks that no status index is used twice. Build first: dotnet build -c Release src/OpenLer.Server
# Usage: bench/bulk/run.sh [sqlite|postgres] [N=20000] [WORK=/tmp/openler-bulk]
#   postgres needs OPENLER_TEST_POSTGRES (a connection string to a server where databases may be created and dropped).
set -euo pipefail
provider=${1:-sqlite}
n=${2:-20000}
work=${3:-/tmp/openler-bulk}
repo=$(cd "$(dirname "$0")/../.." && pwd)
dll="$repo/src/OpenLer.Server/bin/Release/net10.0/OpenLer.Server.dll"
mkdir -p "$work"
export ASPNETCORE_ENVIRONMENT=Development OpenLer__Demo=true Logging__LogLevel__Default=Warning
if [ "$provider" = postgres ]; then
  : "${OPENLER_TEST_POSTGRES:?set OPENLER_TEST_POSTGRES}"
  base=$(python3 -c "import sys;print(';'.join(p for p in sys.argv[1].split(';') if not p.lower().startswith('database=')))" "$OPENLER_TEST_POSTGRES")
  pgurl=$(python3 - "$OPENLER_TEST_POSTGRES" <<'PY'
import sys
kv={k.lower():v for k,v in (p.split('=',1) for p in sys.argv[1].split(';') if '=' in p)}
print(f"postgresql://{kv.get('username','postgres')}:{kv.get('password','')}@{kv.get('host','127.0.0.1')}:{kv.get('port','5432')}")
PY
)
  export Database__Provider=Postgres
  template=openler_bulk_template
  run=openler_bulk_run
  export Database__DataFolder="$work/pg"
  mkdir -p "$work/pg"
  if [ -z "$(psql "$pgurl/postgres" -Atc "SELECT 1 FROM pg_database WHERE datname='$template'")" ]; then
    psql "$pgurl/postgres" -qc "CREATE DATABASE $template" >/dev/null
    seed_db="$base;Database=$template"
  fi
else
  export Database__DataFolder="$work/sqlite-template"
  mkdir -p "$work/sqlite-template"
  [ -f "$work/sqlite-template/seeded" ] || seed_db=sqlite
fi

if [ -n "${seed_db:-}" ]; then
  echo "Seeding the demo database..."
  [ "$provider" = postgres ] && export Database__ConnectionString="$seed_db"
  port=$((20000 + RANDOM % 20000))
  ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$dll" > "$work/seed.log" 2>&1 &
  server=$!
  for _ in $(seq 1 180); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 1; done
  kill "$server"; wait "$server" || true
  [ "$provider" = sqlite ] && touch "$work/sqlite-template/seeded"
fi

if [ "$provider" = postgres ]; then
  psql "$pgurl/postgres" -qc "DROP DATABASE IF EXISTS $run WITH (FORCE)" -c "CREATE DATABASE $run TEMPLATE $template" >/dev/null
  export Database__ConnectionString="$base;Database=$run"
else
  rm -rf "$work/sqlite-run"; cp -r "$work/sqlite-template" "$work/sqlite-run"
  export Database__DataFolder="$work/sqlite-run"
fi

[ -f "$work/completions-$n.csv" ] || "$repo/bench/bulk/make-completions.sh" "$n" "$work/completions-$n.csv" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v dotnet "$dll" import-completions "$work/completions-$n.csv" --organization irc > "$work/run.log" 2> "$work/time.log" || true
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
tail -1 "$work/run.log"
grep -E "Elapsed|User time|System time|Maximum resident" "$work/time.log" | sed 's/^\s*//'
sql='SELECT count(*), (SELECT count(*) FROM (SELECT DISTINCT "OrganizationId", "StatusPurpose", "StatusListNumber", "StatusListIndex" FROM "Credentials") d) FROM "Credentials"'
echo "credentials | distinct (organization, purpose, list, index):"
if [ "$provider" = postgres ]; then
  psql "$pgurl/$run" -Atc "$sql"
else
  sqlite3 "$(ls "$work"/sqlite-run/*.db | head -1)" "$sql"
fi
