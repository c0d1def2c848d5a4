#!/usr/bin/env bash
# A Spark standalone cluster on this machine, for trying `./dina sweep --master spark://127.0.0.1:PORT`: one master and
# one worker, started from the Spark jars of the project's own Maven build (no Spark download or installation).
#   bench/spark-standalone.sh start [PORT] [WORKER_CORES]   starts both (default port 7077, cores: all) and prints the URL
#   bench/spark-standalone.sh stop                          stops the two it started
# Executors get the engine's JVM flags and class path from the driver (./dina sweep sets them), so the worker only
# needs a JDK 25 to launch them with. Logs and the worker's folder are in target/spark-standalone/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/target/spark-standalone"
CLASSPATH_FILE="$ROOT/target/dina-spark.classpath"

jdk25() { # JAVA_HOME when it is a JDK 25+, else the newest one in /usr/lib/jvm
  local c v best="" bestv=0
  for c in ${DINA_JAVA_HOME:-} ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [ -x "$c/bin/java" ] || continue
    v="$("$c/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
    if [ -n "$v" ] && [ "$v" -ge 25 ] && [ "$v" -gt "$bestv" ]; then best="$c"; bestv="$v"; fi
  done
  [ -n "$best" ] || { echo "spark-standalone: needs a JDK 25 or newer (set JAVA_HOME)" >&2; exit 1; }
  echo "$best"
}

start_daemon() { # name main-class args...: a Spark daemon in the background, its pid in $STATE/name.pid
  local name="$1" main="$2"
  shift 2
  SPARK_HOME="$STATE/spark-home" SPARK_SCALA_VERSION=2.13 JAVA_HOME="$JDK" nohup "$JDK/bin/java" -Xmx512m \
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -cp "$(cat "$CLASSPATH_FILE")" "$main" "$@" >"$STATE/$name.log" 2>&1 &
  echo $! >"$STATE/$name.pid"
}

case "${1:-}" in
  start)
    PORT="${2:-7077}"
    CORES="${3:-$(nproc)}"
    if [ -f "$STATE/master.pid" ] && kill -0 "$(cat "$STATE/master.pid")" 2>/dev/null; then
      echo "spark-standalone: already running (bench/spark-standalone.sh stop first)" >&2
      exit 1
    fi
    # the launcher builds the Spark module and writes its class path on first use; --help runs nothing else
    "$ROOT/dina" sweep --master "local[1]" --help >/dev/null
    JDK="$(jdk25)"
    mkdir -p "$STATE/spark-home/jars" "$STATE/work"
    start_daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port 0
    for _ in $(seq 1 300); do
      (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
      sleep 0.2
    done
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || { echo "spark-standalone: the master did not open port $PORT (see $STATE/master.log)" >&2; exit 1; }
    start_daemon worker org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$CORES" --webui-port 0 \
      --work-dir "$STATE/work" "spark://127.0.0.1:$PORT"
    echo "spark://127.0.0.1:$PORT"
    ;;
  stop)
    for name in worker master; do
      if [ -f "$STATE/$name.pid" ]; then
        kill "$(cat "$STATE/$name.pid")" 2>/dev/null || true
        rm -f "$STATE/$name.pid"
      fi
    done
    ;;
  *)
    echo "usage: bench/spark-standalone.sh start [PORT] [WORKER_CORES] | stop" >&2
    exit 2
    ;;
esac
