#!/usr/bin/env bash
# Scale check: one simulator with CONNECTORS connectors, SHARDS replicas sharing one credential,
# each given BUDGET/SHARDS requests per WINDOW. The simulator enforces the whole BUDGET per
# WINDOW (it answers 429 beyond it). After DURATION seconds, checks that
#   1. every connector is exported by exactly one replica (cloudflare_connector_up),
#   2. no replica went over its budget: no 429 seen, and requests <= share * (elapsed/window + 1),
#   3. freshness matches the computed cycle: the oldest snapshot fetch is at most 1.1 cycles old.
# Usage: bench/scale-check.sh   (env: CONNECTORS=10000 SHARDS=4 BUDGET=1200 WINDOW=10 DURATION=420)
# Each replica scrapes 2,500 connectors with every snapshot family: 384 MB of heap ran out (OOM on scrape), 1 GB is the default.
# Cloudflare's real window is 300 s; a 10 s window keeps the same arithmetic at 30x the pace.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTORS=${CONNECTORS:-10000}
SHARDS=${SHARDS:-4}
BUDGET=${BUDGET:-1200}
WINDOW=${WINDOW:-10}
DURATION=${DURATION:-420}
BASE_PORT=${BASE_PORT:-18700}
JAR=target/magic-exporter.jar
TOKEN=scale-check-token
ACCOUNT=5c0a1e0000000000000000000000000a
WORK=$(mktemp -d /tmp/scale-check.XXXXXX)
[ -f "$JAR" ] || ./mvnw -B -q -o package -DskipTests
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

SIM_PORT=$BASE_PORT
java -Xmx512m -jar "$JAR" simulate --port "$SIM_PORT" --connectors "$CONNECTORS" --token "$TOKEN" \
  --accounts "$ACCOUNT" --rate-limit "$BUDGET/${WINDOW}s" >"$WORK/sim.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$SIM_PORT/" && break; sleep 1; done

SHARE=$((BUDGET / SHARDS))
for i in $(seq 0 $((SHARDS - 1))); do
  mkdir -p "$WORK/state$i"
  CLOUDFLARE_BASE_URL="http://127.0.0.1:$SIM_PORT/client/v4" CLOUDFLARE_API_TOKEN=$TOKEN CLOUDFLARE_ACCOUNT_ID=$ACCOUNT \
  MAGIC_EXPORTER_LISTEN_ADDRESS=127.0.0.1 MAGIC_EXPORTER_LISTEN_PORT=$((BASE_PORT + 10 + i)) \
  MAGIC_EXPORTER_ADMIN_PORT=$((BASE_PORT + 20 + i)) MAGIC_EXPORTER_STATE_DIR="$WORK/state$i" \
  MAGIC_EXPORTER_CLOUDFLARE_BUDGET_REQUESTS=$SHARE MAGIC_EXPORTER_CLOUDFLARE_BUDGET_WINDOW=${WINDOW}s \
  MAGIC_EXPORTER_POLL_INTERVAL=${POLL_INTERVAL:-30s} \
    java -Xmx${REPLICA_HEAP:-1g} -jar "$JAR" --shard "$i" --total-shards "$SHARDS" >"$WORK/replica$i.log" 2>&1 &
  PIDS+=($!)
done
START=$(date +%s)
echo "simulator :$SIM_PORT, $SHARDS replicas, $SHARE requests per ${WINDOW}s each; running ${DURATION}s (logs in $WORK)"
sleep "$DURATION"

FAIL=0
NOW=$(date +%s)
ELAPSED=$((NOW - START))
for i in $(seq 0 $((SHARDS - 1))); do
  curl -s "http://127.0.0.1:$((BASE_PORT + 10 + i))/metrics" >"$WORK/metrics$i.txt"
done
NOW=$(date +%s)
# 1. coverage
for i in $(seq 0 $((SHARDS - 1))); do
  { grep '^cloudflare_connector_up{' "$WORK/metrics$i.txt" || true; } | sed 's/.*connector_id="\([^"]*\)".*/\1/' | sort >"$WORK/ids$i.txt"
done
TOTAL=$(cat "$WORK"/ids*.txt | wc -l)
UNIQUE=$(cat "$WORK"/ids*.txt | sort -u | wc -l)
echo "coverage: $TOTAL series, $UNIQUE distinct connectors of $CONNECTORS"
[ "$TOTAL" -eq "$UNIQUE" ] && [ "$UNIQUE" -eq "$CONNECTORS" ] || { echo "FAIL coverage"; FAIL=1; }
# 2. budget and 3. freshness, per replica
for i in $(seq 0 $((SHARDS - 1))); do
  awk -v now="$NOW" -v elapsed="$ELAPSED" -v share="$SHARE" -v window="$WINDOW" -v i="$i" '
    /^cloudflare_exporter_api_requests_total\{/ { req += $NF }
    /^cloudflare_exporter_api_throttled_responses_total\{/ { thr += $NF }
    /^cloudflare_exporter_schedule_cycle_seconds\{/ { cycle = $NF }
    /^cloudflare_exporter_schedule_min_cycle_seconds\{/ { mincycle = $NF }
    /^cloudflare_exporter_events_polls_skipped_total\{/ { skipped += $NF }
    /^cloudflare_exporter_poll_cycles_total\{poller="events"/ { evcycles += $NF }
    /^cloudflare_exporter_snapshot_last_success_timestamp_seconds\{/ {
      age = now - $NF; n++; sum += age; if (age > max) max = age }
    END {
      allowed = share * (elapsed / window + 1)
      printf "replica %d: %d connectors, cycle %.1fs (budget min %.1fs), snapshot age mean %.1fs max %.1fs, " \
        "%d requests in %ds (allowed %d, %.2f/s vs %.2f/s), %d throttled, events polls skipped %d\n", \
        i, n, cycle, mincycle, sum / n, max, req, elapsed, allowed, req / elapsed, share / window, thr, skipped
      bad = 0
      if (thr > 0 || req > allowed) { print "FAIL budget replica " i; bad = 1 }
      if (max > 1.1 * cycle) { print "FAIL freshness replica " i; bad = 1 }
      exit bad
    }' "$WORK/metrics$i.txt" || FAIL=1
done
grep -h "cannot be met" "$WORK"/replica*.log | sed 's/.*WARN/WARN/' | head -"$SHARDS"
[ "$FAIL" -eq 0 ] && echo "PASS" || echo "FAIL"
exit "$FAIL"
