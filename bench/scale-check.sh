#!/usr/bin/env bash
# Scale check: one simulator with CONNECTORS connectors, SHARDS replicas sharing one credential whose
# limit is BUDGET requests per WINDOW. The simulator enforces that limit (429 beyond it). Every replica
# gets the credential's whole limit as cloudflare.budget_requests and BUDGET_SHARE of it as its plan;
# the default split gives each replica 1/SHARDS of that, without arithmetic. Checks
#   1. every connector is exported by exactly one replica (cloudflare_connector_up),
#   2. no 429, and no replica over its share: requests <= share * (elapsed/window + 1),
#   3. the first pass uses the free window at once: requests in the first window >= 90% of the
#      replica's free window (its share less the admin reserve),
#   4. freshness: the oldest snapshot fetch is at most 1.1 planned cycles old,
# and reports per replica the time to /readyz 200 and the time until every connector has series.
# Usage: bench/scale-check.sh   (env: CONNECTORS=10000 SHARDS=4 BUDGET=1200 WINDOW=10 DURATION=420 BUDGET_SHARE=1)
# Each replica scrapes 2,500 connectors with every snapshot family: 384 MB of heap ran out (OOM on scrape), 1 GB is the default.
# Cloudflare's real window is 300 s; a 10 s window keeps the same arithmetic at 30x the pace.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTORS=${CONNECTORS:-10000}
SHARDS=${SHARDS:-4}
BUDGET=${BUDGET:-1200}
WINDOW=${WINDOW:-10}
DURATION=${DURATION:-420}
BUDGET_SHARE=${BUDGET_SHARE:-1}
ADMIN_SHARE=0.1
BASE_PORT=${BASE_PORT:-18700}
JAR=target/magic-exporter.jar
TOKEN=scale-check-token
ACCOUNT=5c0a1e0000000000000000000000000a
WORK=$(mktemp -d /tmp/scale-check.XXXXXX)
[ -f "$JAR" ] || ./mvnw -B -q -o package -DskipTests
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
now() { date +%s.%N; }
port() { echo $((BASE_PORT + 10 + $1)); }

SIM_PORT=$BASE_PORT
java -Xmx512m -jar "$JAR" simulate --port "$SIM_PORT" --connectors "$CONNECTORS" --token "$TOKEN" \
  --accounts "$ACCOUNT" --rate-limit "$BUDGET/${WINDOW}s" >"$WORK/sim.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$SIM_PORT/" && break; sleep 1; done

# This replica's plan as BudgetShare computes it, and the free window the first pass may spend at once.
SHARE=$(awk -v b="$BUDGET" -v s="$BUDGET_SHARE" -v n="$SHARDS" 'BEGIN { p = int(b * s / n + 1e-9); print (p < 1 ? 1 : p) }')
FREE=$(awk -v p="$SHARE" -v a="$ADMIN_SHARE" 'BEGIN { r = int(p * a + 0.5); if (r > p - 1) r = p - 1; print p - r }')
START=$(now)
for i in $(seq 0 $((SHARDS - 1))); do
  mkdir -p "$WORK/state$i"
  CLOUDFLARE_BASE_URL="http://127.0.0.1:$SIM_PORT/client/v4" CLOUDFLARE_API_TOKEN=$TOKEN CLOUDFLARE_ACCOUNT_ID=$ACCOUNT \
  MAGIC_EXPORTER_LISTEN_ADDRESS=127.0.0.1 MAGIC_EXPORTER_LISTEN_PORT=$(port "$i") \
  MAGIC_EXPORTER_ADMIN_PORT=$((BASE_PORT + 20 + i)) MAGIC_EXPORTER_STATE_DIR="$WORK/state$i" \
  MAGIC_EXPORTER_CLOUDFLARE_BUDGET_REQUESTS=$BUDGET MAGIC_EXPORTER_CLOUDFLARE_BUDGET_WINDOW=${WINDOW}s \
  MAGIC_EXPORTER_CLOUDFLARE_BUDGET_SHARE=$BUDGET_SHARE MAGIC_EXPORTER_CLOUDFLARE_ADMIN_BUDGET_SHARE=$ADMIN_SHARE \
  MAGIC_EXPORTER_POLL_INTERVAL=${POLL_INTERVAL:-30s} \
    java -Xmx${REPLICA_HEAP:-1g} -jar "$JAR" --shard "$i" --total-shards "$SHARDS" >"$WORK/replica$i.log" 2>&1 &
  PIDS+=($!)
done
echo "simulator :$SIM_PORT enforcing $BUDGET per ${WINDOW}s; $SHARDS replicas planning $SHARE each ($FREE free for pollers); running ${DURATION}s (logs in $WORK)"

requests() { curl -s "http://127.0.0.1:$(port "$1")/metrics" | awk '/^cloudflare_exporter_api_requests_total\{/ { n += $NF } END { print n + 0 }'; }
FAIL=0
declare -A READY COMPLETE FIRST T0
while :; do
  T=$(now); ELAPSED=$(awk -v a="$T" -v b="$START" 'BEGIN { print a - b }')
  for i in $(seq 0 $((SHARDS - 1))); do
    if [ -z "${READY[$i]:-}" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(port "$i")/readyz")" = 200 ]; then
      READY[$i]=$ELAPSED
    fi
    # Requests in the first window: from the replica's first request until one window later (less the
    # second this loop may be late by), so JVM start-up does not count.
    if [ -z "${FIRST[$i]:-}" ]; then
      if [ -z "${T0[$i]:-}" ]; then
        [ "$(requests "$i")" -gt 0 ] && T0[$i]=$T
      elif awk -v a="$T" -v b="${T0[$i]}" -v w="$WINDOW" 'BEGIN { exit !(a - b >= w - 1.5) }'; then
        FIRST[$i]=$(requests "$i")
      fi
    fi
  done
  if [ -z "${COMPLETE[all]:-}" ] && [ "${#READY[@]}" -eq "$SHARDS" ]; then
    N=0
    for i in $(seq 0 $((SHARDS - 1))); do
      N=$((N + $(curl -s "http://127.0.0.1:$(port "$i")/metrics" | grep -c '^cloudflare_connector_up{' || true)))
    done
    [ "$N" -ge "$CONNECTORS" ] && COMPLETE[all]=$(awk -v a="$(now)" -v b="$START" 'BEGIN { print a - b }')
  fi
  awk -v e="$ELAPSED" -v d="$DURATION" 'BEGIN { exit !(e >= d) }' && break
  sleep 0.5
done

NOW=$(date +%s)
ELAPSED=$(awk -v a="$(now)" -v b="$START" 'BEGIN { print a - b }')
for i in $(seq 0 $((SHARDS - 1))); do
  curl -s "http://127.0.0.1:$(port "$i")/metrics" >"$WORK/metrics$i.txt"
done
# 1. coverage
for i in $(seq 0 $((SHARDS - 1))); do
  { grep '^cloudflare_connector_up{' "$WORK/metrics$i.txt" || true; } | sed 's/.*connector_id="\([^"]*\)".*/\1/' | sort >"$WORK/ids$i.txt"
done
TOTAL=$(cat "$WORK"/ids*.txt | wc -l)
UNIQUE=$(cat "$WORK"/ids*.txt | sort -u | wc -l)
echo "coverage: $TOTAL series, $UNIQUE distinct connectors of $CONNECTORS; every connector had series ${COMPLETE[all]:-never}s after the start"
[ "$TOTAL" -eq "$UNIQUE" ] && [ "$UNIQUE" -eq "$CONNECTORS" ] || { echo "FAIL coverage"; FAIL=1; }
# 2. budget, 3. first window and 4. freshness, per replica
for i in $(seq 0 $((SHARDS - 1))); do
  awk -v now="$NOW" -v elapsed="$ELAPSED" -v share="$SHARE" -v free="$FREE" -v window="$WINDOW" -v i="$i" \
      -v ready="${READY[$i]:-never}" -v first="${FIRST[$i]:-0}" '
    /^cloudflare_exporter_api_requests_total\{/ { req += $NF }
    /^cloudflare_exporter_api_throttled_responses_total\{/ { thr += $NF }
    /^cloudflare_exporter_schedule_cycle_seconds\{/ { cycle = $NF }
    /^cloudflare_exporter_schedule_achieved_cycle_seconds\{/ { achieved = $NF }
    /^cloudflare_exporter_schedule_min_cycle_seconds\{/ { mincycle = $NF }
    /^cloudflare_exporter_events_polls_skipped_total\{/ { skipped += $NF }
    /^cloudflare_exporter_snapshot_last_success_timestamp_seconds\{/ {
      age = now - $NF; n++; sum += age; if (age > max) max = age }
    END {
      allowed = share * (elapsed / window + 1)
      printf "replica %d: %d connectors, ready after %ss, %d requests in the first %ds window (free %d), " \
        "planned cycle %.1fs (achieved %.1fs, budget min %.1fs), snapshot age mean %.1fs max %.1fs, " \
        "%d requests in %ds (allowed %d), %d throttled, events polls skipped %d\n", \
        i, n, ready, first, window, free, cycle, achieved, mincycle, sum / n, max, req, elapsed, allowed, thr, skipped
      bad = 0
      if (thr > 0 || req > allowed) { print "FAIL budget replica " i; bad = 1 }
      if (first < 0.9 * free || first > share) { print "FAIL first window replica " i; bad = 1 }
      if (max > 1.1 * cycle) { print "FAIL freshness replica " i; bad = 1 }
      exit bad
    }' "$WORK/metrics$i.txt" || FAIL=1
done
grep -h "request budget of credential\|cannot be met" "$WORK"/replica*.log | sed 's/.*INFO /INFO /; s/.*WARN /WARN /' | sort -u | head -$((2 * SHARDS))
[ "$FAIL" -eq 0 ] && echo "PASS" || echo "FAIL"
exit "$FAIL"
