# Shared settings for Regie's scripts; sourced, not run.
# Build output lives outside the checkout so that every clone (and CI) reuses
# it instead of rebuilding SQLCipher and, later, Tauri from nothing.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/regie/target}"
mkdir -p "$CARGO_TARGET_DIR"
