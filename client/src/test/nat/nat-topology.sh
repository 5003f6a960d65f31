#!/usr/bin/env bash
# NAT-traversal test topology in network namespaces (no changes to the root namespace).
# Used by the client module's NatTraversalTest.
#
#   peer-a 10.0.1.2 --lan-- nat-a [10.0.1.1 | 203.0.113.10] --wan--+
#                                                                   br0 (pub, 203.0.113.1 = rendezvous)
#   peer-b 10.0.2.2 --lan-- nat-b [10.0.2.1 | 203.0.113.20] --wan--+
#
# Usage: nat-topology.sh up | down | status | mode <a|b> <cone|cone-remap|symmetric|open>
# Env:   NS_PREFIX (default empty) to run several copies side by side, e.g. NS_PREFIX=ci42-
# Needs: root, iproute2, nftables. Idempotent: "up" first tears down what exists.
set -euo pipefail

P="${NS_PREFIX:-}"
PUB="${P}pub"; NATA="${P}nat-a"; NATB="${P}nat-b"; PEERA="${P}peer-a"; PEERB="${P}peer-b"
ALL=("$PEERA" "$PEERB" "$NATA" "$NATB" "$PUB")

# nft ruleset for a NAT box. cone      = Linux default masquerade: port-preserving,
#   endpoint-independent mapping, address+port-dependent filtering (conntrack).
# cone-remap = masquerade to a port range: first mapping is a random port in the range,
#   later flows from the same inside ip:port reuse it (endpoint-independent, not port-preserving).
# symmetric = masquerade fully-random: a fresh random port per new 5-tuple
#   (address+port-dependent mapping).
# The input chain drops new inbound packets on the WAN before conntrack confirms them,
# like a home router firewall. Without it, an unsolicited packet that arrives before the
# peer's own first packet leaves a confirmed conntrack entry that makes masquerade pick a
# different port for the peer's outbound packet, which breaks simultaneous punching.
nat_rules() { # $1 = cone|cone-remap|symmetric|open
  local flags=""
  [[ $1 == symmetric ]] && flags="fully-random"
  local remap=""   # cone-remap: not port-preserving, still endpoint-independent
  [[ $1 == cone-remap ]] && remap='oifname "wan" meta l4proto { tcp, udp } counter masquerade to :20000-29999' 
  local inputrule='iifname "wan" ct state new counter drop'
  [[ $1 == open ]] && inputrule='iifname "wan" ct state new counter accept'
  cat <<EOF
flush ruleset
table ip natbox {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    $remap
    oifname "wan" counter masquerade $flags
  }
  chain input {
    type filter hook input priority filter; policy accept;
    $inputrule
  }
  chain forward {
    type filter hook forward priority filter; policy accept;
    iifname "wan" ct state new counter drop
  }
}
EOF
}

down() {
  local ns
  for ns in "${ALL[@]}"; do
    if [[ -e /run/netns/$ns ]]; then
      # kill anything still running in the namespace that a test left behind
      local pids; pids=$(ip netns pids "$ns" 2>/dev/null || true)
      [[ -n $pids ]] && kill $pids 2>/dev/null || true
      ip netns del "$ns"
    fi
  done
}

up() {
  down
  local ns
  for ns in "${ALL[@]}"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
  done
  # "internet": a bridge in pub; the rendezvous server lives on it
  ip -n "$PUB" link add br0 type bridge
  ip -n "$PUB" addr add 203.0.113.1/24 dev br0
  ip -n "$PUB" link set br0 up

  local side nat peer pubip net
  for side in a b; do
    if [[ $side == a ]]; then nat=$NATA; peer=$PEERA; pubip=203.0.113.10; net=1
    else nat=$NATB; peer=$PEERB; pubip=203.0.113.20; net=2; fi
    # WAN link nat <-> pub bridge (both ends created directly inside the namespaces)
    ip link add wan netns "$nat" type veth peer name "wan-$side" netns "$PUB"
    ip -n "$PUB" link set "wan-$side" master br0 up
    ip -n "$nat" addr add "$pubip/24" dev wan
    ip -n "$nat" link set wan up
    # LAN link peer <-> nat
    ip link add lan netns "$nat" type veth peer name eth0 netns "$peer"
    ip -n "$nat" addr add "10.0.$net.1/24" dev lan
    ip -n "$nat" link set lan up
    ip -n "$peer" addr add "10.0.$net.2/24" dev eth0
    ip -n "$peer" link set eth0 up
    ip -n "$peer" route add default via "10.0.$net.1"
    ip netns exec "$nat" sysctl -qw net.ipv4.ip_forward=1
    nat_rules cone | ip netns exec "$nat" nft -f -
  done
}

mode() { # mode a|b cone|cone-remap|symmetric|open
  case "$2" in cone|cone-remap|symmetric|open) ;; *) echo "unknown mode $2" >&2; exit 2 ;; esac
  local nat; [[ $1 == a ]] && nat=$NATA || nat=$NATB
  nat_rules "$2" | ip netns exec "$nat" nft -f -
  ip netns exec "$nat" conntrack -F >/dev/null 2>&1 || true   # forget old mappings
}

status() {
  local ns
  for ns in "${ALL[@]}"; do
    echo "== $ns"; ip -n "$ns" -br addr | grep -v '^lo'; ip -n "$ns" route | sed 's/^/   route: /'
  done
  for ns in "$NATA" "$NATB"; do echo "== $ns nft"; ip netns exec "$ns" nft list ruleset; done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  mode) mode "$2" "$3" ;;
  names) echo "$PUB $NATA $NATB $PEERA $PEERB" ;;
  *) echo "usage: $0 up|down|status|names|mode <a|b> <cone|cone-remap|symmetric|open>" >&2; exit 2 ;;
esac
