#!/bin/sh
# Builds the image from the repository's Dockerfile with podman (runc, as these machines run containers)
# and runs in it what a cluster runs: two shards of a small fleet at 60x, each printing its report into
# its log, then `fleet merge` of the two logs in a third container. Fails (exit 1) when any step does.
# Needs the base images of scripts/image/local-base.sh or a registry that serves node:20-bookworm.
set -eu
cd "$(dirname "$0")/../.."
VERSION=$(node -p 'require("./package.json").version')
IMAGE=${IMAGE:-localhost/timeclock-sim:$VERSION}
LOGS=$(mktemp -d /tmp/timeclock-image-check-XXXXXX)
RUN="podman --runtime runc run --rm --ulimit nofile=1024:1024 --ulimit nproc=1000:1000"

# BUILD_CA: a CA bundle the build's npm must trust (a TLS-inspecting proxy's), mounted over the image's.
CA_MOUNT=${BUILD_CA:+-v $BUILD_CA:/etc/ssl/certs/ca-certificates.crt:ro}
# shellcheck disable=SC2086 # CA_MOUNT is two words or none
podman build --runtime runc --ulimit nofile=1024:1024 --ulimit nproc=1000:1000 $CA_MOUNT -t "$IMAGE" .
for shard in 1 2; do
  $RUN "$IMAGE" fleet --clocks 20 --cloud embedded --profile scripts/fleet/monday-rush.yaml \
    --duration 20m --speed 60x --shard "$shard/2" --report-log >"$LOGS/shard-$shard.log"
  tail -n 3 "$LOGS/shard-$shard.log" | cut -c1-160
done
# The image runs as user 1000: the logs must be readable by it.
chmod -R a+rX "$LOGS"
$RUN -v "$LOGS:/logs:ro" "$IMAGE" fleet merge /logs/shard-1.log /logs/shard-2.log
echo "image $IMAGE: two shards and their merge ran (logs in $LOGS)"
