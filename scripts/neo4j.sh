#!/usr/bin/env bash
# Fetch, configure, start and stop a local Neo4j Community server without Docker.
#
#   scripts/neo4j.sh fetch     resolve the server's jars from Maven Central into the cache
#   scripts/neo4j.sh start     start (or reuse) the server for BRM_DATA_DIR and wait for Bolt
#   scripts/neo4j.sh stop      stop the server of BRM_DATA_DIR
#   scripts/neo4j.sh status    say whether it runs
#
# Environment (defaults in brackets):
#   NEO4J_BOLT_PORT [7687]  NEO4J_HTTP_PORT [7474]  BRM_DATA_DIR [<project>/.data/neo4j]
#   NEO4J_PASSWORD [brm-local-dev]  NEO4J_HEAP [2g]  NEO4J_PAGECACHE [1g]
#   NEO4J_TX_TIMEOUT [120s]  BRM_CACHE_DIR [~/.cache/brm]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(dirname "$here")
version=$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$here/neo4j/pom.xml")
cache_dir=${BRM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/brm}
lib_dir="$cache_dir/neo4j-community-$version/lib"
# Absolute: Neo4j reads the paths of its configuration from its home directory, so a relative
# one would put a second, empty database inside the first.
data_dir=$(realpath -m "${BRM_DATA_DIR:-$project/.data/neo4j}")
bolt_port=${NEO4J_BOLT_PORT:-7687}
http_port=${NEO4J_HTTP_PORT:-7474}
password=${NEO4J_PASSWORD:-brm-local-dev}
pid_file="$data_dir/run/brm-neo4j.pid"
console_log="$data_dir/logs/console.log"

die() { echo "neo4j.sh: $*" >&2; exit 1; }
say() { echo "neo4j.sh: $*" >&2; }

need_tools() {
  local missing=()
  command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || missing+=(maven)
  ((${#missing[@]})) || return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || die "could not install ${missing[*]}; install Java 17+ and Maven, then retry"
  else
    die "missing ${missing[*]}: install Java 17 or 21 and Apache Maven, then retry"
  fi
  local major
  major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
  ((major >= 17)) || die "Java $major found; Neo4j $version needs Java 17 or 21"
}

fetch() {
  [[ -f "$lib_dir/.complete" ]] && return 0
  need_tools
  say "resolving Neo4j Community $version from Maven Central into $lib_dir"
  local tmp="$lib_dir.partial"
  rm -rf "$tmp" && mkdir -p "$tmp"
  if ! mvn -B -q -f "$here/neo4j/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$tmp" >"$tmp.log" 2>&1; then
    tail -n 30 "$tmp.log" >&2
    die "Maven could not download Neo4j $version (is Maven Central reachable?)"
  fi
  ls "$tmp" | grep -q "^neo4j-bolt-$version.jar$" || die "resolved classpath lacks neo4j-bolt $version"
  rm -rf "$lib_dir" && mv "$tmp" "$lib_dir" && rm -f "$tmp.log"
  touch "$lib_dir/.complete"
}

running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid=$(cat "$pid_file")
  kill -0 "$pid" 2>/dev/null && grep -q CommunityEntryPoint "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

write_conf() {
  mkdir -p "$data_dir"/{conf,data,logs,run,plugins,import}
  cat >"$data_dir/conf/neo4j.conf" <<CONF
# Written by scripts/neo4j.sh; edits are overwritten at the next start.
server.directories.data=$data_dir/data
server.directories.logs=$data_dir/logs
server.directories.run=$data_dir/run
server.directories.plugins=$data_dir/plugins
server.directories.import=$data_dir/import
server.default_listen_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:$bolt_port
server.bolt.advertised_address=127.0.0.1:$bolt_port
server.http.listen_address=127.0.0.1:$http_port
server.http.advertised_address=127.0.0.1:$http_port
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
server.memory.pagecache.size=${NEO4J_PAGECACHE:-1g}
db.transaction.timeout=${NEO4J_TX_TIMEOUT:-120s}
db.lock.acquisition.timeout=30s
# How long a transaction waits for a client's bookmark the server has not reached (default
# 30 s, past the API's own deadline of 13 s): Neo4j 5.26 gives up after twice this, 2 s
# (measured), and the API answers 503 without retrying (app/db/graph.py).
db.transaction.bookmark_ready_timeout=1s
# A local server keeps no point-in-time history: the default (2 days) kept 53 GB of
# transaction logs after a day of benchmark imports.
db.tx_log.rotation.retention_policy=1G size
server.threads.worker_count=16
# No keep-alive messages during requests, and so no hint asking drivers to time out reads
# (connection.recv_timeout_seconds): the async driver wraps every socket read it times out in
# a task and a timer, a third of a millisecond of a decision chain's CPU. The API bounds
# each transaction itself (app/db/graph.py, UNRESPONSIVE_GRACE_S).
server.bolt.connection_keep_alive_for_requests=OFF
CONF
}

start() {
  if pid=$(running_pid); then
    say "already running (pid $pid) on bolt://127.0.0.1:$bolt_port"
    return 0
  fi
  fetch
  port_open "$bolt_port" && die "port $bolt_port is taken by another process; set NEO4J_BOLT_PORT"
  port_open "$http_port" && die "port $http_port is taken by another process; set NEO4J_HTTP_PORT"
  write_conf
  if [[ ! -f "$data_dir/data/dbms/auth.ini" ]]; then
    NEO4J_HOME="$data_dir" NEO4J_CONF="$data_dir/conf" java -cp "$lib_dir/*" \
      org.neo4j.cli.AdminTool dbms set-initial-password "$password" >/dev/null \
      || die "could not set the initial password"
  fi
  local heap=${NEO4J_HEAP:-2g}
  # JVM flags from the release's default neo4j.conf (server.jvm.additional) that matter on Java 17.
  nohup java -Xms256m "-Xmx$heap" -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
    -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields -XX:+DisableExplicitGC \
    -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
    -Dlog4j2.disable.jmx=true \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
    -cp "$lib_dir/*" org.neo4j.server.CommunityEntryPoint \
    --home-dir="$data_dir" --config-dir="$data_dir/conf" \
    >"$console_log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$pid_file"
  for _ in $(seq 1 180); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$console_log" "$data_dir/logs/neo4j.log" >&2 2>/dev/null || true
      die "Neo4j exited during start-up (logs in $data_dir/logs)"
    fi
    if port_open "$bolt_port"; then
      say "Neo4j $version up (pid $pid) on bolt://127.0.0.1:$bolt_port, data in $data_dir"
      return 0
    fi
    sleep 0.5
  done
  die "Neo4j did not open bolt port $bolt_port within 90 s (logs in $data_dir/logs)"
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    say "not running (data dir $data_dir)"
    return 0
  fi
  kill "$pid"
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; say "stopped (pid $pid)"; return 0; }
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  say "killed (pid $pid) after 60 s"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) if pid=$(running_pid); then echo "running (pid $pid) bolt://127.0.0.1:$bolt_port"; else echo "stopped"; exit 3; fi ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
