#!/bin/sh
# Renders config.yaml from the template with the container's environment, then runs CLIProxyAPI.
set -eu
sh /CLIProxyAPI/render-config.sh /CLIProxyAPI/config.template.yaml /CLIProxyAPI/config.yaml
exec /CLIProxyAPI/CLIProxyAPI --config /CLIProxyAPI/config.yaml
