#!/usr/bin/env bash
# The project's test command: ./test.sh
# On a machine with the .NET 10 SDK and Node.js it installs what the tests need where it can (the
# Claude Code CLI the fixtures were recorded from, into .tools/; Chromium from the system's package
# manager, or says once why it cannot), builds the AppHost and the benchmarks so they cannot rot, and runs both test
# suites. A test whose tool is still missing fails with the command that installs it.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK is not on PATH; this project needs .NET 10: https://dotnet.microsoft.com/download" >&2
  exit 1
fi
echo "dotnet $(dotnet --version)"

# The real Claude Code CLI, for the whole-session tests (Translator.Tests/Sessions/ClaudeCodeCliTests.cs),
# pinned to the version the fixtures were recorded from, into .tools/ (git-ignored).
claude_version=2.1.332
claude="$(pwd)/.tools/claude-code/node_modules/.bin/claude"
if ! "$claude" --version 2>/dev/null | grep -q "^$claude_version "; then
  if command -v npm >/dev/null 2>&1; then
    npm install --prefix .tools/claude-code --no-audit --no-fund --loglevel=error "@anthropic-ai/claude-code@$claude_version" \
      || echo "Could not install the Claude Code CLI from npm; its session tests will fail." >&2
  else
    echo "npm is not on PATH, so the Claude Code CLI cannot be installed; its session tests will fail. Install Node.js 20 or later." >&2
  fi
fi
if [ -x "$claude" ]; then
  export CLAUDE_CODE_CLI="$claude"
  echo "claude $("$claude" --version)"
fi

# Headless Chromium for the dashboard test (AppHost.Tests/DashboardTests.cs): the system's own
# package, driven by Playwright, so no browser is downloaded.
if [ -z "${CHROMIUM_PATH:-}" ]; then
  for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then
      CHROMIUM_PATH="$(command -v "$candidate")"
      break
    fi
  done
fi
if [ -z "${CHROMIUM_PATH:-}" ]; then
  as_root=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root="sudo -n"; fi
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$as_root" ]; }; then
    $as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends chromium >/dev/null
    CHROMIUM_PATH="$(command -v chromium || true)"
  else
    echo "Chromium is not installed and cannot be installed from here (needs apt-get as root or passwordless sudo);" \
      "the dashboard test will fail. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
  fi
fi
if [ -n "${CHROMIUM_PATH:-}" ]; then
  export CHROMIUM_PATH
  "$CHROMIUM_PATH" --version 2>/dev/null || true
fi

# The Aspire AppHost on the Aspire packages NuGet serves (SDK 13.6.4, hosting 13.6.5), built on its own.
dotnet build AppHost/AppHost.csproj -c Release

# The benchmarks are built, not run (benchmarks/RESULTS.md says how to run them).
dotnet build benchmarks/Translator.Benchmarks/Translator.Benchmarks.csproj -c Release
dotnet build benchmarks/Translator.LoadDriver/Translator.LoadDriver.csproj -c Release

# Both suites, one after the other: each AppHost test starts DCP, CLIProxyAPI and the translator.
results="$(pwd)/TestResults"
rm -rf "$results"
status=0
dotnet test Translator.Tests/Translator.Tests.csproj --logger "trx;LogFileName=translator.trx" --results-directory "$results" || status=$?
dotnet test AppHost.Tests/AppHost.Tests.csproj --logger "trx;LogFileName=apphost.trx" --results-directory "$results" || status=$?

passed=0
failed=0
for trx in "$results/translator.trx" "$results/apphost.trx"; do
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
    failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
  else
    echo "No test results were written to $trx"
    failed=$((failed + 1))
    status=1
  fi
done
echo "Tests: ${passed} passed, ${failed} failed"

exit "$status"
