#!/usr/bin/env bash
# The oxistore-bench command (see docs/benchmarks/README.md): db_bench/YCSB workloads against our
# engines and the peers, reports into docs/benchmarks/. `./oxistore-bench.sh jmh [JMH options]`
# runs the JMH micro-benchmarks. (Named .sh because ./oxistore-bench is the module's directory.)
# Builds oxistore-bench with ./mvnw when its sources (or a module's it uses) changed, then runs it
# on the class path with the flags the native peers need (oxistore-bench/jvm.options): this
# launcher and JMH's forks are the only JVMs that get them.
#
# Environment: JAVA_HOME (JDK 25+, found otherwise), OXISTORE_BENCH_JAVA_OPTS (extra JVM options;
# default -Xms2g -Xmx6g), OXISTORE_BUILD_SUFFIX (build into target$SUFFIX, as -Doxistore.buildSuffix).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=.mvn/find-jdk.sh
. "$ROOT/.mvn/find-jdk.sh"
oxistore_find_jdk || exit 1

SUFFIX="${OXISTORE_BUILD_SUFFIX:-}"
TARGET="$ROOT/oxistore-bench/target$SUFFIX"
STAMP="$TARGET/oxistore-bench-launcher.stamp"

bench_jar() {
  ls -t "$TARGET"/oxistore-bench-*.jar 2>/dev/null | head -n 1
}

# True when there is no build yet, or a pom or main source anywhere changed since the last one.
needs_build() {
  [ -f "$STAMP" ] && [ -d "$TARGET/lib" ] && [ -n "$(bench_jar)" ] || return 0
  [ -n "$(find "$ROOT" -maxdepth 2 -name pom.xml -newer "$STAMP" -print -quit)" ] && return 0
  [ -n "$(find "$ROOT" \( -name 'target*' -o -name .git \) -prune -o -path '*/src/main/*' -newer "$STAMP" -print -quit)" ]
}

if needs_build; then
  echo "oxistore-bench: building…" >&2
  log="$(mktemp)"
  started="$(mktemp)"   # its time marks what this build saw
  mvn=(./mvnw -q "-Doxistore.buildSuffix=$SUFFIX" -Dmaven.test.skip=true -pl oxistore-bench -am package)
  if ! (cd "$ROOT" && rm -rf "$TARGET/lib" && "${mvn[@]}" -o) >"$log" 2>&1 &&
     ! (cd "$ROOT" && rm -rf "$TARGET/lib" && "${mvn[@]}") >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log" "$started"
    echo "oxistore-bench: the build failed (output above)" >&2
    exit 1
  fi
  touch -r "$started" "$STAMP"
  rm -f "$log" "$started"
fi

cd "$ROOT"
# shellcheck disable=SC2086 # OXISTORE_BENCH_JAVA_OPTS holds several options
exec "$JAVA_HOME/bin/java" @"$ROOT/oxistore-bench/jvm.options" ${OXISTORE_BENCH_JAVA_OPTS:--Xms2g -Xmx6g} \
  "-Doxistore.bench.command=./oxistore-bench.sh $*" \
  -cp "$(bench_jar):$TARGET/lib/*" dev.oxistore.bench.BenchMain "$@"
