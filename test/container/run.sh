#!/usr/bin/env bash
# Builds the image with podman and proves that the container works as deployed: it starts as the
# non-root user 10001 on a read-only root file system with no capabilities, becomes healthy (the
# image's own HEALTHCHECK command, run inside it), serves /metrics, writes its state volume, and on
# SIGTERM stops gracefully (a log line, exit status 143 = 128 + SIGTERM, the JVM's status after its
# shutdown hooks ran) with its checkpoints written.
#
# No image registry is reachable here, so the base images named in the Dockerfile's FROM lines are
# built locally first: one Debian root made with debootstrap plus the JDK, imported with `podman
# import` and tagged with the names the Dockerfile uses. The debootstrapped root is cached as a tar
# file outside the clone, in $BASE_CACHE (default /var/cache/magic-exporter), keyed by the FROM
# lines, the Debian suite and the package list: built once per machine, in a few minutes.
#
# How the container is started: `podman run` first. Where the runtime refuses it (some sandboxes,
# this one included, refuse every setrlimit: "error setting rlimit type 7"), the same image runs
# under runc directly: `podman create` + `podman export` unpacked as the root of an OCI bundle made
# with `runc spec`, `process.rlimits` removed, the image's user, environment, entrypoint, working
# directory (from `podman image inspect`), the host network, and the state volume as a bind mount.
#
# Needs root, podman, buildah, runc, debootstrap, jq and curl (Debian packages):
#   sudo bash test/container/run.sh          (.ci/run runs it after ./mvnw verify)
#   sudo bash test/container/run.sh --base-images-only     (prepares a machine: the base images only)
set -euo pipefail
cd "$(dirname "$0")/../.."

IMAGE=localhost/magic-exporter:test
SUITE=bookworm
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
BASE_CACHE=${BASE_CACHE:-/var/cache/magic-exporter}
RUNTIME=(--runtime runc)
UID_EXPECTED=10001
STATE=/var/lib/magic-exporter/state
WORK=$(mktemp -d)
NAME=magic-exporter-test-$$
MODE=""        # podman or runc, once started
RUNC_PID=""    # the foreground `runc run`, whose exit status is the container's

cleanup() {
  if [ "$MODE" = podman ]; then podman rm -f "$NAME" >/dev/null 2>&1 || true; fi
  if [ "$MODE" = runc ]; then
    runc kill "$NAME" KILL >/dev/null 2>&1 || true
    [ -n "$RUNC_PID" ] && wait "$RUNC_PID" 2>/dev/null || true
    runc delete -f "$NAME" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
passed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { echo "FAILED: $*" >&2; echo "--- container log (last 40 lines)" >&2; logs | tail -40 >&2 || true; exit 1; }

for tool in podman buildah runc debootstrap jq curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y podman buildah runc debootstrap jq curl" >&2; exit 2; }
done

# ------------------------------------------------------------------------------------- base images

# The packages that stand in for each FROM line's image. One Debian root with all of them serves
# every FROM line (the JDK's root holds the JRE too): one debootstrap instead of one per line.
declare -A PACKAGES=(
  [docker.io/library/eclipse-temurin:17-jdk]="openjdk-17-jdk-headless,ca-certificates-java,ca-certificates"
  [docker.io/library/eclipse-temurin:17-jre]="openjdk-17-jre-headless,ca-certificates"
)
FROMS=$(awk 'toupper($1) == "FROM" { print $2 }' Dockerfile | sort -u)
packages=""
for from in $FROMS; do
  [ -n "${PACKAGES[$from]:-}" ] || { echo "Dockerfile base $from has no local stand-in: add it to PACKAGES in $0" >&2; exit 2; }
  packages+=",${PACKAGES[$from]}"
done
packages=$(tr ',' '\n' <<<"$packages" | sed '/^$/d' | sort -u | paste -sd, -)
KEY=$(printf '%s\n' $FROMS "$SUITE" "$packages" | sha256sum | cut -c1-16)

base_key() { podman image inspect "$1" --format '{{index .Config.Labels "dev.magicexporter.base-key"}}' 2>/dev/null || true; }
missing=()
for from in $FROMS; do [ "$(base_key "$from")" = "$KEY" ] || missing+=("$from"); done
if [ ${#missing[@]} -eq 0 ]; then
  echo "base images present ($KEY): $(echo $FROMS)"
else
  tarball=$BASE_CACHE/base-$SUITE-$KEY.tar
  if [ ! -s "$tarball" ]; then
    echo "base root: debootstrap $SUITE with $packages (once per machine, cached in $BASE_CACHE)"
    root=$WORK/root
    debootstrap --variant=minbase --include="$packages" "$SUITE" "$root" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
      || { tail -20 "$WORK/debootstrap.log"; exit 1; }
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    mkdir -p "$BASE_CACHE"
    rm -f "$BASE_CACHE"/base-*.tar  # older keys: the Dockerfile's bases or the packages changed
    tar -C "$root" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$root"
  fi
  echo "base images: importing $tarball as ${missing[*]}"
  podman import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "LABEL dev.magicexporter.base-key=$KEY" "$tarball" "${missing[0]}" >/dev/null 2>"$WORK/import.log" \
    || { cat "$WORK/import.log"; exit 1; }
  for from in "${missing[@]:1}"; do podman tag "${missing[0]}" "$from"; done
fi
if [ "${1:-}" = --base-images-only ]; then
  exit 0
fi

# ------------------------------------------------------------------------------------------- image

echo "building $IMAGE"
# The build runs offline on the host's Maven repository (mounted), which the host's own build
# filled: the container needs no network and no certificate authority of the host's.
[ -d "${HOME}/.m2/repository" ] || ./mvnw -B -q -ntp package -DskipTests
# Docker format: the OCI image format has no HEALTHCHECK, and podman would drop it.
podman build "${RUNTIME[@]}" --format docker --network host --pull=never -v "${HOME}/.m2:/root/.m2" \
  --build-arg MAVEN_FLAGS=-o -t "$IMAGE" . >"$WORK/build.log" 2>&1 \
  || { tail -40 "$WORK/build.log"; exit 1; }

echo "checking the image's configuration"
inspect() { podman image inspect "$IMAGE" --format "$1"; }
user=$(inspect '{{.Config.User}}')
[[ "$user" == "$UID_EXPECTED"* ]] || { echo "image runs as '$user', expected the non-root user $UID_EXPECTED" >&2; exit 1; }
inspect '{{json .Config.ExposedPorts}}' | grep -q '10071/tcp' || { echo "10071 not exposed" >&2; exit 1; }
inspect '{{json .Config.Volumes}}' | grep -q "$STATE" || { echo "no state volume" >&2; exit 1; }
healthcheck=$(inspect '{{json .Config.Healthcheck.Test}}')
[ "$(jq -r '.[0]' <<<"$healthcheck")" = CMD ] || { echo "HEALTHCHECK is not an exec-form CMD: $healthcheck" >&2; exit 1; }
mapfile -t HEALTH_CMD < <(jq -r '.[1:][]' <<<"$healthcheck")
ok "the image runs as $user, exposes 10071, declares the state volume and a HEALTHCHECK"

# ------------------------------------------------------------------------------------------- start

PORT=${PORT:-}
if [ -z "$PORT" ]; then # a free pair of ports on the host network
  for p in $(seq 19071 2 19171); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && ! (exec 3<>"/dev/tcp/127.0.0.1/$((p + 1))") 2>/dev/null; then
      PORT=$p; break
    fi
  done
fi
ENV_OVERRIDES=(MAGIC_EXPORTER_LISTEN_PORT="$PORT" MAGIC_EXPORTER_ADMIN_PORT=$((PORT + 1)) MAGIC_EXPORTER_POLL_INTERVAL=5s)
ARGS=(--demo)
mkdir -p "$WORK/state" && chown "$UID_EXPECTED:$UID_EXPECTED" "$WORK/state"

start_podman() {
  local env=()
  for e in "${ENV_OVERRIDES[@]}"; do env+=(-e "$e"); done
  podman run -d "${RUNTIME[@]}" --network host --name "$NAME" --read-only --tmpfs /tmp \
    --cap-drop ALL --security-opt no-new-privileges -v "$WORK/state:$STATE" "${env[@]}" \
    "$IMAGE" "${ARGS[@]}" >/dev/null 2>"$WORK/podman-run.err"
}

# The image as an OCI bundle, configured from its own metadata, started by runc itself.
start_runc() {
  local bundle=$WORK/bundle cid
  mkdir -p "$bundle/rootfs"
  # podman's complaints about systemd health check timers (none here) go to a file.
  cid=$(podman create "$IMAGE" 2>"$WORK/podman-create.err") || { cat "$WORK/podman-create.err"; exit 1; }
  podman export "$cid" | tar -C "$bundle/rootfs" -xf -
  podman rm "$cid" >/dev/null 2>&1
  (cd "$bundle" && runc spec)
  local uid=${user%%:*} gid=${user#*:}
  [ "$gid" != "$user" ] || gid=$uid
  jq --argjson uid "$uid" --argjson gid "$gid" \
     --argjson env "$(inspect '{{json .Config.Env}}')" \
     --argjson entrypoint "$(inspect '{{json .Config.Entrypoint}}')" \
     --argjson args "$(printf '%s\n' "${ARGS[@]}" | jq -R . | jq -s .)" \
     --argjson overrides "$(printf '%s\n' "${ENV_OVERRIDES[@]}" | jq -R . | jq -s .)" \
     --arg cwd "$(inspect '{{.Config.WorkingDir}}')" \
     --arg state "$WORK/state" --arg statedir "$STATE" --arg host "$NAME" '
    del(.process.rlimits)
    | .process.terminal = false
    | .process.user = {uid: $uid, gid: $gid}
    | .process.args = (($entrypoint // []) + $args)
    | .process.env = ($env + $overrides)
    | .process.cwd = (if $cwd == "" then "/" else $cwd end)
    | .process.noNewPrivileges = true
    | .process.capabilities = {bounding: [], effective: [], permitted: [], inheritable: [], ambient: []}
    | .hostname = $host
    | .root = {path: "rootfs", readonly: true}
    | .linux.namespaces |= map(select(.type != "network"))
    | .mounts += [
        {destination: "/tmp", type: "tmpfs", source: "tmpfs", options: ["nosuid", "nodev", "mode=1777", "size=64m"]},
        {destination: $statedir, type: "bind", source: $state, options: ["rbind", "rw"]}]
  ' "$bundle/config.json" >"$bundle/config.json.new"
  mv "$bundle/config.json.new" "$bundle/config.json"
  # Foreground runc in the background: its exit status is the container's. No terminal, so the
  # container's stdout and stderr are runc's.
  runc run --bundle "$bundle" "$NAME" </dev/null >"$WORK/container.log" 2>&1 &
  RUNC_PID=$!
}

logs() {
  case "$MODE" in
    podman) podman logs "$NAME" 2>&1 ;;
    runc) cat "$WORK/container.log" ;;
  esac
}
in_container() {
  case "$MODE" in
    podman) podman exec "$NAME" "$@" ;;
    runc) runc exec "$NAME" "$@" ;;
  esac
}
running() {
  case "$MODE" in
    podman) [ "$(podman inspect "$NAME" --format '{{.State.Running}}' 2>/dev/null)" = true ] ;;
    runc) kill -0 "$RUNC_PID" 2>/dev/null ;;
  esac
}

echo "starting the container in demo mode on port $PORT"
if start_podman; then
  MODE=podman
else
  echo "podman run refused: $(grep -m1 '^Error' "$WORK/podman-run.err" | cut -c1-300)"
  echo "starting the same image under runc directly (OCI bundle from podman export, no rlimits)"
  podman rm -f "$NAME" >/dev/null 2>&1 || true
  MODE=runc
  start_runc
fi

# ------------------------------------------------------------------------------------------ checks

healthy=""
for _ in $(seq 1 90); do
  running || fail "the container exited (status $(wait "$RUNC_PID" 2>/dev/null; echo $?))"
  if in_container "${HEALTH_CMD[@]}" >"$WORK/health.out" 2>&1; then healthy=yes; break; fi
  sleep 2
done
[ -n "$healthy" ] || { cat "$WORK/health.out" >&2; fail "the HEALTHCHECK command never passed"; }
ok "healthy: the image's HEALTHCHECK command passes inside the container"

# The user of the main process, read from the host's /proc, not from the container's word.
pid=$(case "$MODE" in
  podman) podman inspect "$NAME" --format '{{.State.Pid}}' ;;
  runc) runc state "$NAME" | jq -r .pid ;;
esac)
uids=$(awk '/^Uid:/ { print $2, $3, $4, $5 }' "/proc/$pid/status")
[ "$uids" = "$UID_EXPECTED $UID_EXPECTED $UID_EXPECTED $UID_EXPECTED" ] || fail "the main process runs as uids '$uids', expected $UID_EXPECTED"
capeff=$(awk '/^CapEff:/ { print $2 }' "/proc/$pid/status")
[ "$((16#$capeff))" -eq 0 ] || fail "the main process has capabilities $capeff"
ok "runs as uid $UID_EXPECTED with no capabilities"
if in_container sh -c 'touch /opt/magic-exporter/x' 2>/dev/null; then fail "the root file system is writable"; fi

ready=""
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then ready=yes; break; fi
  sleep 2
done
[ -n "$ready" ] || fail "the container never became ready"

metrics=$(curl -fsS "http://127.0.0.1:$PORT/metrics")
grep -q '^cloudflare_exporter_build_info{.*simulated="true"' <<<"$metrics" || fail "no build_info in /metrics"
grep -q '^cloudflare_connector_up{' <<<"$metrics" || fail "no connector series in /metrics"
logs | grep -q 'DEMO MODE' || fail "the log does not say the data is simulated"
ok "ready, serves /metrics"

# The state volume: checkpoints appear on the host side of the bind mount, owned by the user.
written=""
for _ in $(seq 1 60); do
  if compgen -G "$WORK/state/connectors/*.json" >/dev/null; then written=yes; break; fi
  sleep 2
done
[ -n "$written" ] || fail "nothing written to the state volume $STATE"
owner=$(stat -c %u "$(compgen -G "$WORK/state/connectors/*.json" | head -1)")
[ "$owner" = "$UID_EXPECTED" ] || fail "checkpoint owned by uid $owner"
ok "writes its state volume ($(compgen -G "$WORK/state/connectors/*.json" | wc -l) checkpoint files)"

echo "stopping with SIGTERM"
case "$MODE" in
  podman)
    podman stop -t 30 "$NAME" >/dev/null
    status=$(podman inspect "$NAME" --format '{{.State.ExitCode}}') ;;
  runc)
    runc kill "$NAME" TERM
    status=0; wait "$RUNC_PID" || status=$?
    RUNC_PID="" ;;
esac
# 143: the JVM's exit after SIGTERM once its shutdown hooks have run; 137 would be SIGKILL.
[ "$status" = 143 ] || fail "exit status $status after SIGTERM, expected 143"
logs | grep -q 'shutting down' || fail "no 'shutting down' log line after SIGTERM"
logs | grep -q 'stopped cleanly' || fail "no 'stopped cleanly' log line: the shutdown did not finish"
! logs | grep -q 'could not write every checkpoint' || fail "checkpoints not flushed on shutdown"
for f in "$WORK"/state/connectors/*; do
  [[ "$f" == *.json ]] || fail "a temporary file was left in the state volume: $f"
  jq -e . "$f" >/dev/null || fail "checkpoint $f is not whole JSON"
done
ok "stopped gracefully: exit status $status, 'stopped cleanly' logged, checkpoints whole"
echo "container test passed ($MODE): image $IMAGE runs as uid $UID_EXPECTED, is healthy, ready, serves /metrics, writes its state and stops on SIGTERM"
echo "container: $passed passed, 0 failed"
