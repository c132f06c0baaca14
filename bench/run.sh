#!/usr/bin/env bash
# The benchmark in one command (docs/performance.md). Makes sure PostgreSQL is up, gives the run a fresh
# database, and runs the bench Maven profile; Kafka runs in-process (the application's own KRaft broker).
#
#   bench/run.sh                          the default run (10-20 minutes on 2 cores, docs/performance.md)
#   bench/run.sh -Dbench.reports=5000     any -Dbench.* size or -Dbench.app.<setting>=<value> (docs/performance.md)
#
# BENCH_DB_NAME (default hazardloop_bench) is dropped and created again unless BENCH_KEEP_DB=1.
# The report goes to target/bench/ (report.md, *.png, query-plans.txt) unless -Dbench.output=DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

DB="${BENCH_DB_NAME:-hazardloop_bench}"
HOST="${TEST_DB_HOST:-127.0.0.1}"
PORT="${TEST_DB_PORT:-5432}"
USER_NAME="${TEST_DB_USER:-postgres}"

if ! pg_isready -h "$HOST" -p "$PORT" -q; then
  if [ "$HOST" = "127.0.0.1" ] && command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    for _ in $(seq 1 30); do pg_isready -h "$HOST" -p "$PORT" -q && break; sleep 1; done
  fi
fi
pg_isready -h "$HOST" -p "$PORT"

if [ "${BENCH_KEEP_DB:-0}" != "1" ]; then
  psql -h "$HOST" -p "$PORT" -U "$USER_NAME" -d postgres -v ON_ERROR_STOP=1 -q \
    -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" -c "CREATE DATABASE \"$DB\""
fi

COMMAND="bench/run.sh${*:+ $*}"
start=$(date +%s)
./mvnw -B -ntp -Pbench test -Dbench.db="$DB" "-Dbench.command=$COMMAND" "$@"
echo "Benchmark finished in $(( $(date +%s) - start )) s; report: target/bench/report.md (unless -Dbench.output)"
