#!/usr/bin/env bash
# The send path on the embedded default (H2, a bare `java -jar` on a fresh data folder), driven by the shared
# load driver (../shared/bench: wrk for the HTTP load, lean websocket receivers timing deliveries), for one or
# more jars in turn, ROUNDS times alternated, so that two builds are compared within one stretch of time.
#   convro-bench/scripts/h2-send.sh OUTDIR JAR [JAR...]
# Env: ROUNDS (3) CONCURRENCIES ("64 16") DURATION (20) PAIRS (50) SHARED (../shared/bench from the project root)
#      COMPARE_WORK (/tmp/convro-compare: where the driver is installed, as compare.sh does)
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
OUT=$(readlink -m "$1"); shift
SHARED=$(readlink -f "${SHARED:-$(dirname "$0")/../../../shared/bench}")
WORK=${COMPARE_WORK:-/tmp/convro-compare}
ROUNDS=${ROUNDS:-3}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
mkdir -p "$OUT" "$WORK/results"
for d in driver tools; do mkdir -p "$WORK/$d"; (cd "$SHARED/$d" && tar cf - --exclude=node_modules .) | (cd "$WORK/$d" && tar xf -); done
cp "$SHARED/run-target.sh" "$WORK/"; chmod -R u+w "$WORK"
(cd "$WORK/driver" && [ -d node_modules ] || npm ci --no-audit --no-fund --silent)
export ENGINES=wrk CONCURRENCIES=${CONCURRENCIES:-"64 16"} DURATION=${DURATION:-20} PAIRS=${PAIRS:-50}
export DRIVER_ARGS="--receiver lean --setup-concurrency 2 ${DRIVER_ARGS:-}" DB_PID=
PORT=18090
for round in $(seq 1 "$ROUNDS"); do
  n=0
  for JAR in "$@"; do
    n=$((n + 1)); JAR=$(readlink -f "$JAR"); NAME=jar$n-round$round
    DATA=$(mktemp -d /tmp/convro-h2-send.XXXXXX)
    ( cd "$DATA" && exec env CONVRO_HTTP_PORT=$PORT CONVRO_DATA_DIR="$DATA/data" CONVRO_AUTH_RATE_LIMIT=0 java -jar "$JAR" ) \
      >"$OUT/$NAME.server.log" 2>&1 &
    LAUNCHER=$!
    for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.25; done
    SERVER=$(pgrep -P "$LAUNCHER" java | head -1); SERVER=${SERVER:-$LAUNCHER}
    echo "== round $round, jar $n: $JAR (server pid $SERVER)" >&2
    (cd "$WORK" && ./run-target.sh "http://127.0.0.1:$PORT" "$SERVER" "$(realpath --relative-to="$WORK/results" -m "$OUT/$NAME")" >/dev/null)
    echo "data folder: $(du -sh "$DATA/data" | cut -f1)" >>"$OUT/$NAME/summary.txt"
    kill "$LAUNCHER"; wait "$LAUNCHER" 2>/dev/null || true
    rm -rf "$DATA"
  done
done
for f in "$OUT"/*/summary.txt; do echo "== $f"; cat "$f"; done
