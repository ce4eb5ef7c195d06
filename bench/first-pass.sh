#!/usr/bin/env bash
# Time to ready and to complete data after a start: runs the demo (built-in simulator) with
# CONNECTORS connectors and measures, from the JVM's start,
#   - healthz: /healthz answers (JVM and listeners up),
#   - ready:   /readyz answers 200,
#   - data:    every connector has cloudflare_connector_up and cloudflare_connector_events_lag_seconds.
# Usage: bench/first-pass.sh   (env: CONNECTORS=200 POLL_INTERVAL=5m RUNS=3, and any MAGIC_EXPORTER_* setting,
#        e.g. MAGIC_EXPORTER_CLOUDFLARE_BUDGET_SHARE=1 to plan for the credential's whole limit)
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTORS=${CONNECTORS:-200}
RUNS=${RUNS:-3}
PORT=${PORT:-18790}
JAR=target/magic-exporter.jar
[ -f "$JAR" ] || ./mvnw -B -q -o package -DskipTests
now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.1f", a - b }'; }
echo "connectors=$CONNECTORS poll_interval=${POLL_INTERVAL:-5m} load=$(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$RUNS"); do
  WORK=$(mktemp -d /tmp/first-pass.XXXXXX)
  START=$(now)
  MAGIC_EXPORTER_LISTEN_ADDRESS=127.0.0.1 MAGIC_EXPORTER_LISTEN_PORT=$PORT MAGIC_EXPORTER_ADMIN_PORT=$((PORT + 1)) \
  MAGIC_EXPORTER_STATE_DIR="$WORK/state" MAGIC_EXPORTER_DEMO_CONNECTORS=$CONNECTORS \
  MAGIC_EXPORTER_POLL_INTERVAL=${POLL_INTERVAL:-5m} \
    java -Xmx${HEAP:-1g} -jar "$JAR" --demo >"$WORK/daemon.log" 2>&1 &
  PID=$!
  HEALTHZ="" READY="" DATA=""
  while [ -z "$DATA" ]; do
    kill -0 "$PID" 2>/dev/null || { echo "daemon died, see $WORK/daemon.log"; exit 1; }
    if [ -z "$HEALTHZ" ] && curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"; then HEALTHZ=$(since "$START"); fi
    if [ -n "$HEALTHZ" ] && [ -z "$READY" ]; then
      CODE=$(curl -s -o "$WORK/readyz" -w '%{http_code}' "http://127.0.0.1:$PORT/readyz" || true)
      [ "$CODE" = 200 ] && READY=$(since "$START")
    fi
    if [ -n "$READY" ]; then
      curl -s "http://127.0.0.1:$PORT/metrics" >"$WORK/metrics"
      UP=$(grep -c '^cloudflare_connector_up{' "$WORK/metrics" || true)
      LAG=$(grep -c '^cloudflare_connector_events_lag_seconds{' "$WORK/metrics" || true)
      [ "$UP" -ge "$CONNECTORS" ] && [ "$LAG" -ge "$CONNECTORS" ] && DATA=$(since "$START")
    fi
    sleep 0.2
  done
  echo "run $run: healthz ${HEALTHZ}s, ready ${READY}s, every connector's series ${DATA}s (ready $(awk -v r="$READY" -v h="$HEALTHZ" 'BEGIN { printf "%.1f", r - h }')s after healthz)"
  grep -h "request budget of credential" "$WORK/daemon.log" | sed 's/.*INFO /  INFO /' | head -1
  kill "$PID"; wait "$PID" 2>/dev/null || true
  rm -rf "$WORK"
done
