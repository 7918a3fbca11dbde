# Compiler settings for the shipped build (the `dist` profile); sourced by
# scripts/package.sh and tests/package/memory.sh after scripts/env.sh, so
# that both reuse one build of the dependencies.
#
# No build path stays in the binaries: the checkout, the Cargo home, the
# Rust toolchain and the build output are renamed, in the file names that
# Rust and C code keep (panic locations, assertions), to /regie, /cargo,
# /rustup and /target. (Cargo's `trim-paths` would do this, but is not
# stable yet.) CARGO_ENCODED_RUSTFLAGS keeps a path with spaces in one
# piece; the C compiler gets the same renaming through CFLAGS.
dist_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist_cargo_home="${CARGO_HOME:-$HOME/.cargo}"
dist_rustflags=()
for pair in "$dist_cargo_home=/cargo" "${RUSTUP_HOME:-$HOME/.rustup}=/rustup" \
  "$CARGO_TARGET_DIR=/target" "$dist_repo=/regie"; do
  dist_rustflags+=("--remap-path-prefix=$pair")
done
CARGO_ENCODED_RUSTFLAGS="$(IFS=$'\x1f'; echo "${dist_rustflags[*]}")"
CFLAGS=""
for pair in "$dist_cargo_home=/cargo" "$CARGO_TARGET_DIR=/target" "$dist_repo=/regie"; do
  CFLAGS="${CFLAGS:+$CFLAGS }-ffile-prefix-map=$pair"
done
export CARGO_ENCODED_RUSTFLAGS CFLAGS
unset dist_repo dist_cargo_home dist_rustflags pair
