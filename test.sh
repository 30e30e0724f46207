#!/usr/bin/env bash
# The project's test command: the whole suite, exactly as CI runs it (.ci/run).
set -euo pipefail
exec bash "$(dirname "$0")/.ci/run" "$@"
