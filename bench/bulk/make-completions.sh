#!/usr/bin/env bash
# Writes a completions CSV for bulk issuance measurements: N rows (default 200000) of distinct made-up people
# (e-mail addresses under example.org, RFC 2606) who completed PROGRAM (default "Job Readiness", the demo's program).
# Usage: bench/bulk/make-completions.sh N FILE [PROGRAM]
set -euo pipefail
n=${1:-200000}
file=${2:-completions.csv}
program=${3:-Job Readiness}
awk -v n="$n" -v program="$program" 'BEGIN {
  print "contact,name,program,completion_date,evidence,english_level,language"
  split("A1 A2 B1 B2 C1 C2", levels, " ")
  for (i = 1; i <= n; i++) {
    printf "person%07d@example.org,Person %d,%s,2026-0%d-%02d,Completed 40 hours of workshops and a mock interview,%s,en\n", i, i, program, 1 + i % 9, 1 + i % 28, levels[1 + i % 6]
  }
}' > "$file"
echo "$file: $n rows"
