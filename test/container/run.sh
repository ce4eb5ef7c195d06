#!/usr/bin/env bash
# Builds the image with podman and proves that it starts, becomes healthy and serves /metrics.
#
# No image registry is reachable here, so the base images named in the Dockerfile's FROM lines are
# built locally first: a Debian bookworm root made with debootstrap plus the JDK or JRE, imported
# with `podman import` and tagged with the names the Dockerfile uses. They are cached between runs
# (delete them with `podman rmi` to rebuild). Needs root, podman, buildah, runc and debootstrap
# (Debian packages). Takes a few minutes the first time: run it by hand or in a nightly job:
#   sudo bash test/container/run.sh
# Where runc may not set resource limits (some sandboxes refuse setrlimit even to the host's own
# values), the image builds and its configuration is checked, but the container cannot start and
# the script fails at "starting the container".
set -euo pipefail
cd "$(dirname "$0")/../.."

IMAGE=localhost/magic-exporter:test
PORT=${PORT:-19071}
RUNTIME=(--runtime runc)
SUITE=bookworm
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
WORK=$(mktemp -d)
NAME=magic-exporter-test-$$
cleanup() {
  podman rm -f "$NAME" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in podman buildah runc debootstrap; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y podman buildah runc debootstrap" >&2; exit 2; }
done

base_image() { # name, packages
  local name=$1 packages=$2
  if podman image exists "$name"; then
    echo "base image $name: cached"
    return
  fi
  echo "base image $name: debootstrap $SUITE with $packages"
  local root=$WORK/root-${name//[^a-z0-9]/_}
  debootstrap --variant=minbase --include="$packages" "$SUITE" "$root" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log"; exit 1; }
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | podman import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$name" >/dev/null
}

base_image docker.io/library/eclipse-temurin:17-jdk "openjdk-17-jdk-headless,ca-certificates-java,ca-certificates"
base_image docker.io/library/eclipse-temurin:17-jre "openjdk-17-jre-headless,ca-certificates"

echo "building $IMAGE"
# The build runs offline on the host's Maven repository (mounted), which the host's own build
# filled: the container needs no network and no certificate authority of the host's.
[ -d "${HOME}/.m2/repository" ] || ./mvnw -B -q -ntp package -DskipTests
podman build "${RUNTIME[@]}" --network host --pull=never -v "${HOME}/.m2:/root/.m2" \
  --build-arg MAVEN_FLAGS=-o -t "$IMAGE" . >"$WORK/build.log" 2>&1 \
  || { tail -40 "$WORK/build.log"; exit 1; }

echo "checking the image's configuration"
user=$(podman image inspect "$IMAGE" --format '{{.Config.User}}')
[[ "$user" == 10001* ]] || { echo "image runs as '$user', expected the non-root user 10001" >&2; exit 1; }
podman image inspect "$IMAGE" --format '{{json .Config.ExposedPorts}}' | grep -q '10071/tcp' || { echo "10071 not exposed" >&2; exit 1; }
podman image inspect "$IMAGE" --format '{{json .Config.Volumes}}' | grep -q '/var/lib/magic-exporter/state' || { echo "no state volume" >&2; exit 1; }

echo "starting the container in demo mode on port $PORT"
podman run -d "${RUNTIME[@]}" --network host --ulimit host --name "$NAME" \
  -e MAGIC_EXPORTER_LISTEN_PORT="$PORT" -e MAGIC_EXPORTER_ADMIN_PORT=$((PORT + 1)) \
  -e MAGIC_EXPORTER_POLL_INTERVAL=5s \
  "$IMAGE" --demo >/dev/null

healthy=""
for _ in $(seq 1 60); do
  if podman healthcheck run "$NAME" >/dev/null 2>&1; then healthy=yes; break; fi
  sleep 2
done
[ -n "$healthy" ] || { podman logs "$NAME" | tail -40; echo "container never became healthy" >&2; exit 1; }
echo "healthy"

ready=""
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then ready=yes; break; fi
  sleep 2
done
[ -n "$ready" ] || { podman logs "$NAME" | tail -40; echo "container never became ready" >&2; exit 1; }

metrics=$(curl -fsS "http://127.0.0.1:$PORT/metrics")
grep -q '^cloudflare_exporter_build_info{.*simulated="true"' <<<"$metrics" || { echo "no build_info in /metrics" >&2; exit 1; }
grep -q '^cloudflare_connector_up{' <<<"$metrics" || { echo "no connector series in /metrics" >&2; exit 1; }
podman logs "$NAME" 2>&1 | grep -q 'DEMO MODE' || { echo "the log does not say the data is simulated" >&2; exit 1; }
echo "container test passed: image $IMAGE starts, is healthy, ready and serves /metrics"
