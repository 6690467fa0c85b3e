#!/usr/bin/env bash
# A highly available Vigil on this one machine, for trying failover and for the tests in test/ha/:
#   PostgreSQL primary + streaming standby (initdb, pg_basebackup -R), nginx (TLS, least_conn) in
#   front of N servers, N workers, N schedulers. Everything lives under $VIGIL_CLUSTER_DIR.
#
#   deploy/local/cluster.sh up | down | status | promote | kill-primary | purge
#
# Knobs (environment): VIGIL_CLUSTER_DIR (default /tmp/vigil-cluster), VIGIL_CLUSTER_DB (default vigil), VIGIL_CLUSTER_PORT_BASE
# (default 56000: primary +32, standby +33, nginx http +80 / https +443, servers +81…), SERVERS,
# WORKERS, SCHEDULERS (default 2 each), SYNC=1 (synchronous replication: a commit returns only once
# the standby has it), WITH_NGINX=0 (skip nginx; nginx itself reads $NGINX, so that name is avoided), VIGIL_ADMIN_PASSWORD (default: generated, printed).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${VIGIL_CLUSTER_DIR:-/tmp/vigil-cluster}"
BASE="${VIGIL_CLUSTER_PORT_BASE:-56000}"
PG_PRIMARY_PORT=$((BASE + 32))
PG_STANDBY_PORT=$((BASE + 33))
HTTP_PORT=$((BASE + 80))
HTTPS_PORT=$((BASE + 443))
SERVERS="${SERVERS:-2}"
WORKERS="${WORKERS:-2}"
SCHEDULERS="${SCHEDULERS:-2}"
SYNC="${SYNC:-0}"
WITH_NGINX="${WITH_NGINX:-1}"
DB_NAME="${VIGIL_CLUSTER_DB:-vigil}"

pg_bin() { # the newest PostgreSQL's binaries (Debian keeps them per version)
  local v
  v="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)"
  if [ -n "$v" ] && [ -x "/usr/lib/postgresql/$v/bin/$1" ]; then echo "/usr/lib/postgresql/$v/bin/$1"; else command -v "$1"; fi
}
as_pg() { # PostgreSQL refuses to run as root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
say() { echo "cluster: $*"; }
database_url() { echo "postgres://postgres@127.0.0.1:${PG_PRIMARY_PORT},127.0.0.1:${PG_STANDBY_PORT}/${DB_NAME}"; }
replica_url() { echo "postgres://postgres@127.0.0.1:${PG_STANDBY_PORT}/${DB_NAME}"; }
server_port() { echo $((BASE + 80 + $1)); }

wait_pg() { # port
  for _ in $(seq 1 100); do "$(pg_bin pg_isready)" -q -h 127.0.0.1 -p "$1" && return 0; sleep 0.2; done
  say "PostgreSQL on port $1 did not become ready"; return 1
}

pg_start() { # node: no inherited descriptors, so callers reading our output see it end
  as_pg "$(pg_bin pg_ctl)" -D "$DIR/$1" -l "$DIR/logs/$1.log" -w start </dev/null >>"$DIR/logs/pg_ctl.log" 2>&1 \
    || { tail -n 20 "$DIR/logs/$1.log" >&2; return 1; }
}
pg_running() { as_pg "$(pg_bin pg_ctl)" -D "$DIR/$1" status >/dev/null 2>&1; }

start_postgres() {
  mkdir -p "$DIR/logs"
  if [ "$(id -u)" = 0 ]; then chown postgres "$DIR" "$DIR/logs"; fi
  if [ ! -d "$DIR/pg-primary" ]; then
    as_pg "$(pg_bin initdb)" -D "$DIR/pg-primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$DIR/pg-primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = ${PG_PRIMARY_PORT}
unix_socket_directories = '${DIR}'
wal_level = replica
max_wal_senders = 10
wal_keep_size = '256MB'
hot_standby = on
fsync = on
CONF
  fi
  pg_running pg-primary || pg_start pg-primary
  wait_pg "$PG_PRIMARY_PORT"
  as_pg "$(pg_bin psql)" -X -q -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres -d postgres \
    -c "SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'" -tA | grep -q 1 \
    || as_pg "$(pg_bin createdb)" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres "$DB_NAME"
  if [ ! -d "$DIR/pg-standby" ]; then
    as_pg "$(pg_bin pg_basebackup)" -d "host=127.0.0.1 port=${PG_PRIMARY_PORT} user=postgres application_name=vigil_standby" \
      -D "$DIR/pg-standby" -R -X stream -c fast
    sed -i "s/^port = ${PG_PRIMARY_PORT}/port = ${PG_STANDBY_PORT}/" "$DIR/pg-standby/postgresql.conf"
    # Whichever node is primary, the other can follow it after a rewind (see docs/operations.md).
  fi
  pg_running pg-standby || pg_start pg-standby
  wait_pg "$PG_STANDBY_PORT"
  if [ "$SYNC" = 1 ]; then
    # Zero loss of acknowledged writes: COMMIT waits until the standby has flushed the WAL. Set
    # once the standby exists (before that, every commit would wait for it).
    as_pg "$(pg_bin psql)" -X -q -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres -d postgres \
      -c "ALTER SYSTEM SET synchronous_standby_names = 'FIRST 1 (vigil_standby)'" -c "SELECT pg_reload_conf()" >/dev/null
  fi
  say "PostgreSQL primary 127.0.0.1:${PG_PRIMARY_PORT}, standby 127.0.0.1:${PG_STANDBY_PORT}$([ "$SYNC" = 1 ] && echo ' (synchronous)')"
}

vigil_env() {
  cat <<ENV
DATABASE_URL=$(database_url)
DATABASE_REPLICA_URLS=$(replica_url)
VIGIL_DATA_DIR=$DIR/data
VIGIL_ARTIFACT_DIR=$DIR/artifacts
VIGIL_SECRET_KEY=$(cat "$DIR/secret.key")
VIGIL_HOST=127.0.0.1
VIGIL_TRUST_PROXY=true
VIGIL_LOG_LEVEL=${VIGIL_LOG_LEVEL:-warn}
VIGIL_ADMIN_PASSWORD=$(cat "$DIR/admin.password")
ENV
  # Socket.IO across servers: the Redis-streams adapter when Redis answers (see docs/operations.md).
  if [ -n "${REDIS_URL:-}" ]; then echo "REDIS_URL=$REDIS_URL"
  elif (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then echo "REDIS_URL=redis://127.0.0.1:6379"; fi
}

start_role() { # name role [port]
  local name="$1" role="$2" port="${3:-0}"
  if [ -f "$DIR/pids/$name.pid" ] && kill -0 "$(cat "$DIR/pids/$name.pid")" 2>/dev/null; then return 0; fi
  (
    set -a
    # shellcheck disable=SC1090
    . <(vigil_env)
    VIGIL_PORT="$port"
    set +a
    cd "$REPO"
    nohup node bin/vigil.mjs "$role" </dev/null >>"$DIR/logs/$name.log" 2>&1 &
    echo $! >"$DIR/pids/$name.pid"
  )
}

wait_http() { # url
  for _ in $(seq 1 300); do
    [ "$(curl -ks -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0
    sleep 0.2
  done
  say "$1 did not answer 200"; return 1
}

start_nginx() {
  command -v nginx >/dev/null || { say "nginx is not installed (apt-get install nginx-light); skipping it"; return 0; }
  mkdir -p "$DIR/nginx/tmp" "$DIR/tls"
  chmod 0777 "$DIR/nginx/tmp"
  if [ ! -f "$DIR/tls/vigil.crt" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
      -keyout "$DIR/tls/vigil.key" -out "$DIR/tls/vigil.crt" 2>/dev/null
  fi
  local upstreams="" i
  for i in $(seq 1 "$SERVERS"); do
    upstreams+="    server 127.0.0.1:$(server_port "$i") max_fails=2 fail_timeout=5s;\n"
  done
  # The shipped config, with this machine's ports and paths.
  sed -e '/^    # MARK: one line per/,/^    keepalive/{/^    server /d}' \
      -e "s|^    keepalive 32;|${upstreams}    keepalive 32;|" \
      -e "s|listen 80;|listen 127.0.0.1:${HTTP_PORT};|" \
      -e "s|listen 443 ssl http2;|listen 127.0.0.1:${HTTPS_PORT} ssl http2;|" \
      -e '/listen \[::\]/d' \
      -e "s|https://\$host\$request_uri|https://\$host:${HTTPS_PORT}\$request_uri|" \
      -e "s|/etc/vigil/tls/|${DIR}/tls/|" \
      -e "s|root /opt/vigil/apps/web/dist;|root ${REPO}/apps/web/dist;|" \
      "$REPO/deploy/nginx/vigil.conf" >"$DIR/nginx/vigil.conf"
  cat >"$DIR/nginx/nginx.conf" <<CONF
worker_processes 1;
pid ${DIR}/nginx/nginx.pid;
error_log ${DIR}/logs/nginx-error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    # Which upstream(s) served each request: a retried request lists two.
    log_format vigil '\$remote_addr [\$time_local] "\$request" \$status upstream=\$upstream_addr upstream_status=\$upstream_status \$request_time';
    access_log ${DIR}/logs/nginx-access.log vigil;
    client_body_temp_path ${DIR}/nginx/tmp/body;
    proxy_temp_path ${DIR}/nginx/tmp/proxy;
    fastcgi_temp_path ${DIR}/nginx/tmp/fastcgi;
    uwsgi_temp_path ${DIR}/nginx/tmp/uwsgi;
    scgi_temp_path ${DIR}/nginx/tmp/scgi;
    include ${DIR}/nginx/vigil.conf;
}
CONF
  nginx -t -q -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf"
  if [ -f "$DIR/nginx/nginx.pid" ] && kill -0 "$(cat "$DIR/nginx/nginx.pid")" 2>/dev/null; then
    nginx -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -s reload
  else
    # No inherited descriptors: the daemon would hold our caller's output open.
    nginx -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" </dev/null >/dev/null 2>>"$DIR/logs/nginx-error.log"
  fi
  say "nginx https://127.0.0.1:${HTTPS_PORT}/ (self-signed certificate in $DIR/tls)"
}

up() {
  mkdir -p "$DIR/pids" "$DIR/logs" "$DIR/data" "$DIR/artifacts"
  [ -f "$DIR/secret.key" ] || (umask 077; openssl rand -hex 32 >"$DIR/secret.key")
  [ -f "$DIR/admin.password" ] || (umask 077; echo "${VIGIL_ADMIN_PASSWORD:-$(openssl rand -hex 12)}" >"$DIR/admin.password")
  start_postgres
  # The initializer (a Job in Kubernetes): migrations run once, before the roles start.
  ( set -a; . <(vigil_env); set +a; cd "$REPO"; node bin/vigil.mjs migrate up >>"$DIR/logs/migrate.log" 2>&1 )
  local i
  for i in $(seq 1 "$SERVERS"); do start_role "server-$i" server "$(server_port "$i")"; done
  for i in $(seq 1 "$WORKERS"); do start_role "worker-$i" worker; done
  for i in $(seq 1 "$SCHEDULERS"); do start_role "scheduler-$i" scheduler; done
  for i in $(seq 1 "$SERVERS"); do wait_http "http://127.0.0.1:$(server_port "$i")/readyz"; done
  [ "$WITH_NGINX" = 1 ] && start_nginx
  say "servers: $(for i in $(seq 1 "$SERVERS"); do printf '127.0.0.1:%s ' "$(server_port "$i")"; done)"
  say "log in as admin with the password in $DIR/admin.password"
}

stop_pidfile() { # file
  local pid
  pid="$(cat "$1" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

down() {
  local f
  for f in "$DIR"/pids/*.pid; do [ -e "$f" ] && stop_pidfile "$f"; done
  if [ -f "$DIR/nginx/nginx.pid" ]; then
    nginx -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -s quit 2>/dev/null || true
  fi
  for node in pg-primary pg-standby; do
    if [ -f "$DIR/$node/postmaster.pid" ]; then
      as_pg "$(pg_bin pg_ctl)" -D "$DIR/$node" -m immediate -w stop >/dev/null 2>&1 || true
    fi
  done
  say "stopped (data kept in $DIR; 'purge' deletes it)"
}

status() {
  local f name pid
  for f in "$DIR"/pids/*.pid; do
    [ -e "$f" ] || continue
    name="$(basename "$f" .pid)"; pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then echo "$name: running (pid $pid)"; else echo "$name: dead"; fi
  done
  for port in "$PG_PRIMARY_PORT" "$PG_STANDBY_PORT"; do
    printf 'postgres :%s: ' "$port"
    "$(pg_bin psql)" -X -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
      "SELECT CASE WHEN pg_is_in_recovery() THEN 'standby' ELSE 'primary' END" 2>/dev/null || echo down
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  promote) as_pg "$(pg_bin pg_ctl)" -D "$DIR/pg-standby" -w promote </dev/null ;;
  kill-primary) kill -KILL "$(head -1 "$DIR/pg-primary/postmaster.pid")" && say "primary postmaster killed (SIGKILL)" ;;
  purge) down; rm -rf "$DIR" ;;
  env) vigil_env ;;
  *) echo "usage: $0 up|down|status|promote|kill-primary|purge|env" >&2; exit 2 ;;
esac
