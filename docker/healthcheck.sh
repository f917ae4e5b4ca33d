#!/usr/bin/env bash
# The image's HEALTHCHECK: healthy when the node answers CQL on its native transport port, i.e. replies to an
# OPTIONS request with a protocol v4 frame (SUPPORTED, or an error such as "this port requires TLS": it serves).
# The port and address are the server's own options (the entrypoint passes every key as --key=value).
set -uo pipefail
option() { tr '\0' '\n' < /proc/1/cmdline | sed -n "s/^--$1=//p" | tail -n 1; }
port=$(option native-transport-port)
port=${port:-${CHARYBDIS_NATIVE_TRANSPORT_PORT:-9042}}
address=$(option rpc-address)
case "$address" in ""|0.0.0.0|::|"[::]") address=127.0.0.1 ;; esac
exec 3<> "/dev/tcp/$address/$port" || exit 1
# OPTIONS: version 4, no flags, stream 0, opcode 5, empty body
printf '\x04\x00\x00\x00\x05\x00\x00\x00\x00' >&3
reply=$(timeout 3 head -c 1 <&3 | od -An -tx1 | tr -d ' \n')
[ "$reply" = 84 ] || { echo "no CQL reply on $address:$port" >&2; exit 1; }
