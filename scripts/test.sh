#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every check and test Regie has:
# formatting, lints, and all tests, with the real OS keychain (gnome-keyring
# in its own D-Bus session) and real SQLCipher files.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh

echo "== ui: build (src-tauri embeds ui/dist)"
# (setup.sh installed ui/node_modules from the lock file)
(cd ui && npm run build)

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings

echo "== tests (with the real Secret Service)"
# A throwaway home and runtime dir keep the test keyring apart from the
# person's own, and dbus-run-session ends the daemons with the run.
scratch="$(mktemp -d)"
mkdir -p "$scratch/run" && chmod 700 "$scratch/run"
# A throwaway PostgreSQL on loopback, on a free port, for regie-org's
# PostgreSQL tests. It runs as the postgres user (PostgreSQL refuses root)
# and is stopped and removed on exit, however the run ends. It speaks TLS,
# with a certificate from a CA made here for this run; a second one, a copy
# with TLS off, is the server that sslmode=require must refuse.
pg_bin=/usr/lib/postgresql/15/bin
pg_dir="$(mktemp -d)"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pg_port="$(free_port)"
pg_plain_port="$(free_port)"
pg_run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() {
  for d in data plain; do pg_run "$pg_bin/pg_ctl" -D "$pg_dir/$d" -m fast stop >/dev/null 2>&1 || true; done
  rm -rf "$pg_dir"
}
trap 'stop_pg; rm -rf "$scratch"' EXIT
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; fi
pg_run "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U regie >/dev/null
pg_run cp -a "$pg_dir/data" "$pg_dir/plain"
# The server's certificate names only DNS:localhost, so that connecting to
# 127.0.0.1 with sslmode=verify-full is the host-name mismatch the tests
# expect. PostgreSQL wants its key owned by itself and readable by no one
# else.
tls="$pg_dir/tls"
mkdir "$tls"
openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -days 2 \
  -subj "/CN=Regie test CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj "/CN=localhost" \
  -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
printf '%s\n' "subjectAltName=DNS:localhost" "basicConstraints=critical,CA:FALSE" \
  "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" >"$tls/server.ext"
openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -set_serial 1 \
  -days 2 -extfile "$tls/server.ext" -out "$tls/server.pem" 2>/dev/null
chmod 600 "$tls/server.key"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$tls/server.key" "$tls/server.pem"; fi
pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c ssl=on -c ssl_cert_file=$tls/server.pem -c ssl_key_file=$tls/server.key" \
  start >/dev/null
pg_run "$pg_bin/pg_ctl" -D "$pg_dir/plain" -l "$pg_dir/plain.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_plain_port -k $pg_dir -c ssl=off" start >/dev/null
# The plain URL keeps working (on loopback the default is sslmode=prefer);
# the TLS tests add sslmode and sslrootcert themselves.
export REGIE_TEST_POSTGRES_URL="postgres://regie@127.0.0.1:$pg_port/postgres"
export REGIE_TEST_POSTGRES_CA="$tls/ca.pem"
export REGIE_TEST_POSTGRES_PLAIN_URL="postgres://regie@127.0.0.1:$pg_plain_port/postgres"
env HOME="$scratch" XDG_RUNTIME_DIR="$scratch/run" \
  CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" \
  REGIE_TEST_OS_KEYCHAIN=1 \
  dbus-run-session -- scripts/with-keyring.sh \
  cargo test --workspace --locked

echo "== fuzz: parse-and-verify must never panic (a 30-second run)"
# cargo-fuzz needs nightly compiler flags (sanitizers); RUSTC_BOOTSTRAP lets
# the machine's stable toolchain accept them, since no nightly can be
# installed here. Its own target dir keeps the instrumented build apart.
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
(
  cd crates/prefs/fuzz
  mkdir -p corpus/parse_and_verify
  # Both sets hold files with the same names: prefix each with its set.
  for set in regie receipt; do
    for f in ../tests/vectors/"$set"/*.json; do
      cp -f "$f" "corpus/parse_and_verify/$set-$(basename "$f")"
    done
  done
  RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$HOME/.cache/regie/fuzz-target" \
    cargo fuzz run parse_and_verify -- -max_total_time=30 -print_final_stats=1 2>&1 | tail -n 4
)

echo "== interop: an independent verifier (Python, public libraries) and Regie agree"
tests/interop/run.sh

echo "== ui: lint, type check, tests"
(cd ui && npm run lint && npm run check && npm test)

echo "== end-to-end: the real app window through WebDriver, under Xvfb"
tests/e2e/run.sh

echo "== packages: the .deb and .rpm, checked and started as installed"
tests/package/run.sh
