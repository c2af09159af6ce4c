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

podman build --runtime runc -t "$IMAGE" .
for shard in 1 2; do
  $RUN "$IMAGE" fleet --clocks 20 --cloud embedded --profile scripts/fleet/monday-rush.yaml \
    --duration 20m --speed 60x --shard "$shard/2" --report-log >"$LOGS/shard-$shard.log"
  tail -n 3 "$LOGS/shard-$shard.log" | cut -c1-160
done
$RUN -v "$LOGS:/logs:ro" "$IMAGE" fleet merge /logs/shard-1.log /logs/shard-2.log
echo "image $IMAGE: two shards and their merge ran (logs in $LOGS)"
