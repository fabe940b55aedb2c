#!/usr/bin/env bash
# Crash test of bulk issuance (opt-in; not part of `dotnet test`; issue 14).
#
# Seeds a demo database (organization "irc", program "Job Readiness"), writes a completions file of ROWS rows, then N
# times starts `import-completions FILE --organization irc` and kills it with SIGKILL at a random moment; then runs it
# once more to the end. Checks at the end:
#   - the import is finished and every row is issued or reported failed (none pending);
#   - every completion was issued exactly once (one credential per idempotency key, one per valid row);
#   - no status index is used twice, and every index in use is set in its list's allocation map (and the maps' counts
#     match their bits);
#   - the published status list (served by the app) matches the database's revocations.
#
# Usage: bench/crash/bulk-crash.sh [N=50] [ROWS=3000] [sqlite|postgres]
#   MIN_DELAY / MAX_DELAY (seconds, default 3 and 45): when each run is killed, uniformly at random; a run needs a few
#   seconds to start (longer on a busy machine), so the range should reach well past start-up.
#   postgres needs OPENLER_TEST_POSTGRES (a connection string to a server where a database may be created and dropped).
# Exit 0 when every check passes.
set -euo pipefail
kills=${1:-50}
rows=${2:-3000}
provider=${3:-sqlite}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/openler-crash.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "Building (Release)..."
dotnet build "$repo/src/OpenLer.Server" -c Release -v quiet -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dll="$repo/src/OpenLer.Server/bin/Release/net10.0/OpenLer.Server.dll"

export ASPNETCORE_ENVIRONMENT=Development
export OpenLer__Demo=true
export Database__DataFolder="$work"
export Logging__LogLevel__Default=Warning
export OpenLer__BulkIssuance__Lease=00:00:03
export OpenLer__BulkIssuance__BatchSize=100
if [ "$provider" = postgres ]; then
  : "${OPENLER_TEST_POSTGRES:?set OPENLER_TEST_POSTGRES}"
  dbname="openler_crash_$(date +%s)"
  base=$(python3 -c "import sys;print(';'.join(p for p in sys.argv[1].split(';') if not p.lower().startswith('database=')))" "$OPENLER_TEST_POSTGRES")
  export Database__Provider=Postgres
  export Database__ConnectionString="$base;Database=$dbname"
  pgurl=$(python3 - "$OPENLER_TEST_POSTGRES" <<'PY'
import sys
kv=dict(p.split('=',1) for p in sys.argv[1].split(';') if '=' in p)
kv={k.lower():v for k,v in kv.items()}
print(f"postgresql://{kv.get('username','postgres')}:{kv.get('password','')}@{kv.get('host','127.0.0.1')}:{kv.get('port','5432')}")
PY
)
  trap 'cleanup; psql "$pgurl/postgres" -qc "DROP DATABASE IF EXISTS \"$dbname\" WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
fi

port=$((20000 + RANDOM % 20000))
echo "Seeding the demo database..."
ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$dll" > "$work/seed.log" 2>&1 &
server=$!
for _ in $(seq 1 180); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 1
done
kill "$server"; wait "$server" || true

"$repo/bench/bulk/make-completions.sh" "$rows" "$work/completions.csv" > /dev/null

for i in $(seq 1 "$kills"); do
  dotnet "$dll" import-completions "$work/completions.csv" --organization irc > "$work/run-$i.log" 2>&1 &
  pid=$!
  sleep "$(python3 -c "import random;print(round(random.uniform(${MIN_DELAY:-3}, ${MAX_DELAY:-45}), 2))")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"; wait "$pid" 2>/dev/null || true
    echo "kill $i: $( (grep -E 'rows:|^Read|^Resuming' "$work/run-$i.log" || echo 'during start-up') | tail -1 | sed 's/^ *//' | cut -c1-100)"
  else
    wait "$pid" || true
    echo "run $i finished before its kill"
    break
  fi
done

echo "Final run..."
dotnet "$dll" import-completions "$work/completions.csv" --organization irc | tee "$work/final.log" | grep -v "rows:" || true
grep -Eq "^issued [0-9]+, skipped [0-9]+, failed [0-9]+ in " "$work/final.log" || { echo "FAIL: no final line"; tail -5 "$work/final.log"; exit 1; }

# The app serves the status list from the database as it is now.
ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$dll" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 180); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 1
done
curl -sf "http://127.0.0.1:$port/orgs/irc/status/revocation/1" > "$work/list1.json" || { echo "FAIL: status list not served"; kill "$server"; exit 1; }
kill "$server"; wait "$server" || true

python3 - "$provider" "$work" "$rows" "${pgurl:-}" "${dbname:-}" <<'PY'
import sys, json, base64, gzip
provider, work, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
if provider == 'postgres':
    import subprocess
    def q(sql):
        out = subprocess.run(['psql', f'{sys.argv[4]}/{sys.argv[5]}', '-AtF', '\t', '-c', sql], check=True, capture_output=True, text=True).stdout
        return [line.split('\t') for line in out.splitlines() if line]
    def blob(v): return bytes.fromhex(v[2:])
else:
    import sqlite3
    con = sqlite3.connect(f'{work}/openler.db')
    def q(sql): return [list(r) for r in con.execute(sql)]
    def blob(v): return bytes(v)
fail = []
imports = q('SELECT "Id", "State", "TotalRows", "Issued", "Skipped", "Failed" FROM "BulkImports"')
print('imports:', imports)
if not imports or any(i[1] != 'finished' for i in imports): fail.append('an import is not finished')
pending = int(q('SELECT count(*) FROM "BulkImportRows" WHERE "State" = \'pending\'')[0][0])
if pending: fail.append(f'{pending} rows still pending')
credentials = int(q('SELECT count(*) FROM "Credentials"')[0][0])
keys = int(q('SELECT count(*) FROM "BulkIssuanceKeys"')[0][0])
issued_rows = int(q('SELECT count(*) FROM "BulkImportRows" WHERE "State" = \'issued\'')[0][0])
failed_rows = int(q('SELECT count(*) FROM "BulkImportRows" WHERE "State" = \'failed\'')[0][0])
demo = int(q('SELECT count(*) FROM "Credentials" c WHERE NOT EXISTS (SELECT 1 FROM "BulkIssuanceKeys" k WHERE k."CredentialId" = c."Id")')[0][0])
print(f'credentials {credentials} (demo {demo}), idempotency keys {keys}, rows issued {issued_rows}, failed {failed_rows}')
if keys != credentials - demo: fail.append('a bulk credential without its idempotency key, or the reverse')
if issued_rows != keys: fail.append('rows marked issued differ from completions issued')
if keys + failed_rows != rows: fail.append(f'{rows - keys - failed_rows} rows neither issued exactly once nor reported failed')
dups = q('SELECT "OrganizationId", "StatusListNumber", "StatusListIndex", count(*) FROM "Credentials" GROUP BY 1, 2, 3 HAVING count(*) > 1')
if dups: fail.append(f'status indexes used twice: {dups[:5]}')
maps = {(str(r[0]), int(r[1])): (blob(r[2]), int(r[3])) for r in q('SELECT "OrganizationId", "Number", "Allocated", "AllocatedCount" FROM "StatusListAllocations" WHERE "Purpose" = \'revocation\'')}
for (org, number), (bits, count) in maps.items():
    if sum(bin(b).count('1') for b in bits) != count: fail.append(f'list {number}: count differs from its map')
for org, number, index in q('SELECT "OrganizationId", "StatusListNumber", "StatusListIndex" FROM "Credentials"'):
    bits = maps.get((str(org), int(number)))
    index = int(index)
    if bits is None or not bits[0][index >> 3] & (0x80 >> (index & 7)): fail.append(f'index {number}/{index} in use but not in its allocation map'); break
encoded = json.load(open(f'{work}/list1.json'))['credentialSubject']['encodedList']
published = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + '=' * (-len(encoded[1:]) % 4)))
revoked = set(int(r[0]) for r in q('SELECT "StatusListIndex" FROM "Credentials" WHERE "StatusListNumber" = 1 AND "RevokedAt" IS NOT NULL'))
set_bits = {i for i in range(len(published) * 8) if published[i >> 3] & (0x80 >> (i & 7))}
if set_bits != revoked: fail.append('the published list differs from the database')
print('FAIL: ' + '; '.join(fail) if fail else 'OK: every row issued exactly once or reported failed, no index reused, lists match the database')
sys.exit(1 if fail else 0)
PY
