#!/usr/bin/env bash
# Makes debian:bookworm-slim without a container registry, from Debian's own
# packages (debootstrap), so that every Dockerfile in compose/ builds unchanged
# offline. Where a registry answers, `docker pull` is used instead.
set -euo pipefail
TAG=debian:bookworm-slim
if docker image inspect "$TAG" >/dev/null 2>&1; then echo "base image $TAG: present, skipped"; exit 0; fi
if timeout 20 docker pull -q "$TAG" >/dev/null 2>&1; then echo "base image $TAG: pulled"; exit 0; fi
command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
# The mirror this machine already uses (deb822 or one-line sources).
MIRROR=$(grep -rhoE '^(URIs:|deb) +[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
  | awk '{print $2}' | grep -E '/debian/?$' | head -1 || true)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
ROOT=$(mktemp -d /tmp/swaglab-base.XXXXXX)
trap 'rm -rf "$ROOT"' EXIT
echo "base image $TAG: building from $MIRROR with debootstrap (about 40 s)"
debootstrap --variant=minbase --include=ca-certificates bookworm "$ROOT" "$MIRROR" >/tmp/swaglab-debootstrap.log 2>&1 \
  || { echo "debootstrap failed; see /tmp/swaglab-debootstrap.log" >&2; exit 1; }
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/lib/apt/lists/*
tar -C "$ROOT" -c . | docker import -c 'CMD ["bash"]' - "$TAG" >/dev/null
echo "base image $TAG: made offline"
