#!/bin/sh
# Starts Charybdis in a container: CQL and Prometheus on all interfaces, the admin API on 127.0.0.1 only
# (set CHARYBDIS_API_ADDRESS=0.0.0.0 to expose it, best with --api-authentication=password), data in the
# /var/lib/charybdis volume.
# Extra arguments are passed on (any --key-name=value), e.g. `docker run charybdis --smp=2`; ScyllaDB's spelling
# `--memory 2G` works too, and sizes the whole process (heap, memtables, caches: see charybdis jvm-options).
# `docker run charybdis admin status` runs a tool instead.
set -e
export CHARYBDIS_HOME=/opt/charybdis
case "$1" in
  admin) exec java -cp "/opt/charybdis/lib/*" org.charybdis.server.cli.CharybdisCommand "$@" ;;
esac
address=$(hostname -i 2>/dev/null | cut -d' ' -f1)
set -- --config=/opt/charybdis/conf/charybdis.yaml --workdir=/var/lib/charybdis \
  --listen-address="${address:-127.0.0.1}" --rpc-address=0.0.0.0 --prometheus-address=0.0.0.0 \
  --api-address="${CHARYBDIS_API_ADDRESS:-127.0.0.1}" "$@"
# the heap and direct memory `memory` asks for, read from the same file and arguments as the server reads them
memory_flags=$(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp "/opt/charybdis/lib/*" \
  org.charybdis.server.cli.JvmOptionsCommand "$@")
# glibc would keep freed memtable slabs in its malloc arenas: allocations of 128 KiB or more get mappings of their own
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-131072}"
exec java -XX:+UseZGC -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow -Dlogback.configurationFile=/opt/charybdis/conf/logback.xml \
  -Dio.netty.leakDetection.level=disabled $memory_flags ${CHARYBDIS_JVM_OPTS:-} -cp "/opt/charybdis/lib/*" \
  org.charybdis.server.cli.CharybdisCommand "$@"
