#!/usr/bin/env bash
# Starts Charybdis in a container (bin/charybdis of the distribution in /opt/charybdis): data in the
# /var/lib/charybdis volume, CQL and Prometheus on all interfaces, the admin API on the container's 127.0.0.1 only.
# Arguments are configuration keys as options (`docker run charybdis --smp=2`), also in ScyllaDB's image spelling
# with a space (`--smp 2 --memory 2G --developer-mode 1 --seeds a,b`); `--memory` is the memory of the whole
# process and sizes the Java heap. CHARYBDIS_<KEY> environment variables set keys as well (CHARYBDIS_API_ADDRESS=0.0.0.0).
# `docker run charybdis admin status` (or any other subcommand) runs that tool instead.
set -euo pipefail
charybdis=/opt/charybdis/bin/charybdis
case "${1:-}" in
  ""|-*) ;;
  *) exec "$charybdis" "$@" ;;
esac

# ScyllaDB's `--flag value` becomes `--flag=value`, so that every option given is known by its name below.
options=()
while [ $# -gt 0 ]; do
  option=$1
  shift
  if [[ $option == --* && $option != *=* && $option != --help && $option != --version && $# -gt 0 && $1 != -* ]]; then
    option="$option=$1"
    shift
  fi
  options+=("$option")
done

# The container's defaults, each unless an option or its CHARYBDIS_<KEY> variable sets that key (such a variable is
# passed on as the option: the same value, and healthcheck.sh finds every address on the server's command line).
given() { local option; for option in "${options[@]}"; do [[ $option == "--$1="* ]] && return 0; done; return 1; }
default() {
  local variable="CHARYBDIS_${1//-/_}"
  variable=${variable^^}
  given "$1" && return 0
  if [ -n "${!variable:-}" ]; then options+=("--$1=${!variable}"); else options+=("--$1=$2"); fi
}
address=$(hostname -i 2>/dev/null | cut -d' ' -f1)
default workdir /var/lib/charybdis
default listen-address "${address:-127.0.0.1}"
default rpc-address 0.0.0.0
default prometheus-address 0.0.0.0
default api-address 127.0.0.1
exec "$charybdis" "${options[@]}"
