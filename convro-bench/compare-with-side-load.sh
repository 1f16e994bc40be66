#!/usr/bin/env bash
# compare.sh (the Node peer beside Convro on the send path, one run), with history catch-ups, READ receipts and
# conversation lists driven at fixed rates beside Convro's sends by SideLoadBench; their p50/p99 per 10 s window of the
# clock (UTC) go to OUTDIR/side-load.md, followed by the times the driver's measured phases began, so each window can
# be put beside the phase it overlapped. The side load waits for Convro's phase (port 18080), so the peer's phase
# runs alone.
#   convro-bench/compare-with-side-load.sh PATH/TO/compare.sh [JAR] [OUTDIR]      (after `mvn -q -DskipTests package`)
# Env: as compare.sh; SIDE_ARGS: more SideLoadBench options (--history-rate=20 --conversations-rate=10 --send-rate=20)
set -euo pipefail
COMPARE=$(readlink -f "$1"); shift
JAR=$(readlink -f "${1:-convro-bootstrap/target/convro-server.jar}")
OUT=$(readlink -m "${2:-target/compare-side-$(date -u +%Y%m%dT%H%M%SZ)}")
mkdir -p "$OUT"
java -XX:+UseSerialGC -Xmx256m -cp convro-bench/target/convro-bench.jar io.convro.bench.SideLoadBench \
    --report="$OUT/side-load.md" ${SIDE_ARGS:-} >"$OUT/side-load.log" 2>&1 &
SIDE=$!
trap 'kill $SIDE 2>/dev/null || true' EXIT
"$COMPARE" "$JAR" "$OUT"
wait $SIDE || { echo "the side load failed: see $OUT/side-load.log" >&2; exit 1; }
trap - EXIT
{
  echo
  echo "The driver's measured phases beside it (each lasts DURATION, ${DURATION:-20} s, from the time given):"
  echo
  for log in "$OUT"/convro/*.driver.log; do
    echo "- $(basename "$log" .driver.log): $(grep -o '^\[driver [0-9:.]*\] measuring' "$log" | grep -o '[0-9:]*\.' | tr -d . | head -1) UTC"
  done
} >> "$OUT/side-load.md"
cat "$OUT/side-load.md"
