#!/usr/bin/env bash
# Sourced by run.sh and bench-delivery.sh: make_pki DIR HOST makes a CA for
# this run and a certificate for HOST signed by it, in DIR (ca.pem,
# inbox.pem, inbox.key). Only the app under test trusts the CA
# (REGIE_CA_FILE); HOST is reached at 127.0.0.1 (REGIE_RESOLVE).
make_pki() {
  local dir="$1" host="$2"
  mkdir -p "$dir"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" -subj "/CN=Regie test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$dir/inbox.key" -out "$dir/inbox.csr" -subj "/CN=$host" 2>/dev/null
  printf 'subjectAltName=DNS:%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$host" >"$dir/ext.cnf"
  openssl x509 -req -in "$dir/inbox.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 2 -extfile "$dir/ext.cnf" -out "$dir/inbox.pem" 2>/dev/null
}
