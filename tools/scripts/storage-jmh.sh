#!/usr/bin/env bash
# Runs the storage module's JMH micro-benchmarks (src/test/java/**/*Benchmark.java) from this tree's build:
#   tools/scripts/storage-jmh.sh [JMH ARGUMENTS...]      e.g. MemtableBenchmark -p partitions=100000 -rf json
# Builds the storage module's test classes first (offline). JMH's own options: tools/scripts/storage-jmh.sh -h
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
classpath_file="$root/storage/target/jmh.classpath"
(cd "$root" && ./mvnw -q -o -pl storage test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$classpath_file" >&2)
exec "$JAVA_HOME/bin/java" -cp "$root/storage/target/test-classes:$root/storage/target/classes:$(cat "$classpath_file")" \
    org.openjdk.jmh.Main "$@"
