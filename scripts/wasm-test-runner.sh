#!/usr/bin/env bash
# Cargo's runner for the wasm32 tests: wasm-bindgen-test-runner with TMPDIR in a
# folder of its own, removed afterwards whatever the outcome. chromedriver puts
# Chromium's profile (org.chromium.Chromium.*) and its scoped_dir folders (about
# 24 MB each) in TMPDIR and does not always remove them when the run ends.
set -uo pipefail
dir=$(mktemp -d "${TMPDIR:-/tmp}/treu-wasm-test.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
trap 'exit 130' INT TERM
TMPDIR=$dir wasm-bindgen-test-runner "$@"
