#!/bin/sh
# Writes CLIProxyAPI's config.yaml ($2) from the template ($1) with the container's environment.
# The key and the host land in double-quoted YAML strings, escaped for them (\ " and line breaks),
# so a key with any printable character stays one value; other control characters are refused.
# CLIPROXY_CLAUDE_API_KEY (and CLIPROXY_CLAUDE_BASE_URL), when set, add the claude-api-key provider
# the translator's Claude route reaches through /v1/messages.
set -eu
: "${CLIPROXY_API_KEY:?CLIPROXY_API_KEY must be set}"
LC_ALL=C awk '
function quoted(name,   value, out, i, c) {
  value = ENVIRON[name]
  out = ""
  for (i = 1; i <= length(value); i++) {
    c = substr(value, i, 1)
    if (c == "\\") c = "\\\\"
    else if (c == "\"") c = "\\\""
    else if (c == "\n") c = "\\n"
    else if (c == "\r") c = "\\r"
    else if (c == "\t") c = "\\t"
    else if (c < " " || c == "\177") {
      print name " holds a control character YAML cannot carry as it is" > "/dev/stderr"
      exit 1
    }
    out = out c
  }
  return out
}
# Replaces every placeholder in the line; the value is inserted as is, never read as a pattern.
function put(line, placeholder, value,   at, out) {
  out = ""
  while ((at = index(line, placeholder)) > 0) {
    out = out substr(line, 1, at - 1) value
    line = substr(line, at + length(placeholder))
  }
  return out line
}
{
  line = put($0, "${CLIPROXY_API_KEY}", quoted("CLIPROXY_API_KEY"))
  line = put(line, "${CLIPROXY_HOST}", quoted("CLIPROXY_HOST"))
  line = put(line, "${CLIPROXY_PORT}", "8317")
  line = put(line, "${CLIPROXY_AUTH_DIR}", "/root/.cli-proxy-api")
  print line
}
END {
  if (ENVIRON["CLIPROXY_CLAUDE_API_KEY"] != "") {
    print ""
    print "claude-api-key:"
    print "  - api-key: \"" quoted("CLIPROXY_CLAUDE_API_KEY") "\""
    if (ENVIRON["CLIPROXY_CLAUDE_BASE_URL"] != "") print "    base-url: \"" quoted("CLIPROXY_CLAUDE_BASE_URL") "\""
  }
}' "$1" > "$2"
