#!/bin/sh
# Renders config.yaml from the template with the container's environment, then runs CLIProxyAPI.
set -eu
: "${CLIPROXY_API_KEY:?CLIPROXY_API_KEY must be set}"
escaped_key=$(printf '%s' "$CLIPROXY_API_KEY" | sed 's/[\\&|]/\\&/g')
sed -e "s|\${CLIPROXY_API_KEY}|${escaped_key}|" -e "s|\${CLIPROXY_HOST}|${CLIPROXY_HOST:-}|" \
  -e "s|\${CLIPROXY_PORT}|8317|" -e "s|\${CLIPROXY_AUTH_DIR}|/root/.cli-proxy-api|" \
  /CLIProxyAPI/config.template.yaml > /CLIProxyAPI/config.yaml
exec /CLIProxyAPI/CLIProxyAPI --config /CLIProxyAPI/config.yaml
