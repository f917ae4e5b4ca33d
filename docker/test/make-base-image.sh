#!/usr/bin/env bash
# Makes, without a registry, a local stand-in for the Dockerfile's base image eclipse-temurin:25-jre, so that
# podman can build docker/Dockerfile unchanged (ContainerImageIT): a Debian minbase root file system (debootstrap)
# with a Java runtime linked from the JDK on this machine in /opt/java/openjdk, imported with the environment the
# real image sets (JAVA_HOME, PATH). A user's Docker pulls the real image instead.
#   docker/test/make-base-image.sh [tag]       (root; JAVA_HOME: a JDK 25)
# The root file system is kept in $CHARYBDIS_PODMAN_CACHE (default ~/.cache/charybdis-podman): later runs only
# import it, and link the Java runtime again when the JDK changed.
set -euo pipefail
tag=${1:-docker.io/library/eclipse-temurin:25-jre}
jdk=${JAVA_HOME:?JAVA_HOME must point at a JDK 25}
cache=${CHARYBDIS_PODMAN_CACHE:-$HOME/.cache/charybdis-podman}
suite=bookworm
# the mirror apt uses here (a CI machine may have its own), else Debian's
apt_mirror=$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
mirror=${DEBIAN_MIRROR:-${apt_mirror:-http://deb.debian.org/debian}}
rootfs=$cache/$suite-minbase

[ "$(id -u)" -eq 0 ] || { echo "make-base-image.sh: debootstrap needs root" >&2; exit 1; }
mkdir -p "$cache"
if [ ! -d "$rootfs" ]; then
  rm -rf "$rootfs.partial"
  debootstrap --variant=minbase "$suite" "$rootfs.partial" "$mirror" >&2
  rm -rf "$rootfs.partial"/var/cache/apt/archives/*.deb "$rootfs.partial"/var/lib/apt/lists/*
  mv "$rootfs.partial" "$rootfs"
fi

# The JRE: every module of the JDK but its development tools (compilers, debuggers, jlink, jshell, ...), as
# Temurin's JRE images are made.
java_home=$rootfs/opt/java/openjdk
runtime_version() { sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$1/release" 2>/dev/null; }
if [ "$(runtime_version "$java_home")" != "$(runtime_version "$jdk")" ]; then
  modules=$("$jdk/bin/java" --list-modules | sed 's/@.*//' | grep -Ev '^jdk\.(compiler|editpad|graal\..*|hotspot\.agent|internal\.(ed|jvmstat|le|opt|vm\.ci)|jartool|javadoc|jcmd|jconsole|jdeps|jdi|jdwp\.agent|jlink|jpackage|jshell|jstatd)$' | paste -sd,)
  rm -rf "$java_home"
  mkdir -p "$(dirname "$java_home")"
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$java_home" >&2
fi

tar -C "$rootfs" -c . | podman import \
  --change 'ENV JAVA_HOME=/opt/java/openjdk' \
  --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  - "$tag" >&2
echo "$tag"
