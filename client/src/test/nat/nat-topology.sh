#!/usr/bin/env bash
# NAT-traversal test topology in network namespaces (no changes to the root namespace).
# Used by the client module's NatTraversalTest.
#
#   peer-a 10.0.1.2 --+
#   peer-c 10.0.1.3 --+ lan-a (a switch) -- nat-a  [10.0.1.1   | 203.0.113.10] --wan--+
#                     +-------------------- nat-a2 [10.0.1.254 | 203.0.113.11] --wan--+
#                                                               br0 (pub: 203.0.113.1,
#   peer-b 10.0.2.2 ----------------------- nat-b  [10.0.2.1   | 203.0.113.20] --wan--+  2001:db8::1)
#
# IPv6 (no NAT; nat-a and nat-b are stateful firewalls, only replies to outbound traffic get in):
# pub 2001:db8::1/64; nat-a wan 2001:db8::10, LAN 2001:db8:a::1/64 (peer-a ::2, peer-c ::3);
# nat-b wan 2001:db8::20, LAN 2001:db8:b::1/64 (peer-b ::2). nat-a2 is IPv4 only.
# No NAT hairpins: a packet from peer-c to 203.0.113.10 ends at nat-a itself.
#
# Usage: nat-topology.sh up | down | status | names
#        mode <a|b> <cone|cone-remap|symmetric|open>
#        route <a|a2>   peer-a's IPv4 way out; "a2" also cuts nat-a's path to peer-a (the old
#                       network is gone, as when a phone leaves a Wi-Fi)
# Env:   NS_PREFIX (default empty) to run several copies side by side, e.g. NS_PREFIX=ci42-
# Needs: root, iproute2, nftables. Idempotent: "up" first tears down what exists.
set -euo pipefail

P="${NS_PREFIX:-}"
PUB="${P}pub"; NATA="${P}nat-a"; NATB="${P}nat-b"; PEERA="${P}peer-a"; PEERB="${P}peer-b"
NATA2="${P}nat-a2"; LANA="${P}lan-a"; PEERC="${P}peer-c"
ALL=("$PEERA" "$PEERB" "$PEERC" "$NATA" "$NATB" "$NATA2" "$LANA" "$PUB")

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
# IPv6 is routed, not translated: the ip6 table is the same stateful firewall.
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
table ip6 firewall {
  chain forward {
    type filter hook forward priority filter; policy accept;
    iifname "wan" ct state new counter drop
  }
}
EOF
}

v6addr() { # namespace device address/length (no duplicate address detection: usable at once)
  ip -n "$1" -6 addr add "$3" dev "$2" nodad
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
  v6addr "$PUB" br0 2001:db8::1/64
  ip -n "$PUB" link set br0 up
  ip netns exec "$PUB" sysctl -qw net.ipv6.conf.all.forwarding=1
  # side a's LAN: a switch (a bridge in its own namespace, no filtering)
  ip -n "$LANA" link add sw type bridge
  ip -n "$LANA" link set sw up

  local side nat pubip pub6
  for side in a b a2; do
    case $side in
      a) nat=$NATA; pubip=203.0.113.10; pub6=2001:db8::10 ;;
      b) nat=$NATB; pubip=203.0.113.20; pub6=2001:db8::20 ;;
      *) nat=$NATA2; pubip=203.0.113.11; pub6="" ;;
    esac
    # WAN link nat <-> pub bridge (both ends created directly inside the namespaces)
    ip link add wan netns "$nat" type veth peer name "wan-$side" netns "$PUB"
    ip -n "$PUB" link set "wan-$side" master br0 up
    ip -n "$nat" addr add "$pubip/24" dev wan
    if [[ -n $pub6 ]]; then v6addr "$nat" wan "$pub6/64"; fi
    ip -n "$nat" link set wan up
    ip netns exec "$nat" sysctl -qw net.ipv4.ip_forward=1
    ip netns exec "$nat" sysctl -qw net.ipv6.conf.all.forwarding=1
    nat_rules cone | ip netns exec "$nat" nft -f -
  done
  # on the switch: nat-a, nat-a2, peer-a, peer-c
  ip link add lan netns "$NATA" type veth peer name nat-a netns "$LANA"
  ip link add lan netns "$NATA2" type veth peer name nat-a2 netns "$LANA"
  ip link add eth0 netns "$PEERA" type veth peer name p-a netns "$LANA"
  ip link add eth0 netns "$PEERC" type veth peer name p-c netns "$LANA"
  local port
  for port in nat-a nat-a2 p-a p-c; do
    ip -n "$LANA" link set "$port" master sw up
  done
  ip -n "$NATA" addr add 10.0.1.1/24 dev lan
  v6addr "$NATA" lan 2001:db8:a::1/64
  ip -n "$NATA" link set lan up
  ip -n "$NATA2" addr add 10.0.1.254/24 dev lan
  ip -n "$NATA2" link set lan up
  # side b: one host straight on the NAT's LAN port
  ip link add lan netns "$NATB" type veth peer name eth0 netns "$PEERB"
  ip -n "$NATB" addr add 10.0.2.1/24 dev lan
  v6addr "$NATB" lan 2001:db8:b::1/64
  ip -n "$NATB" link set lan up

  host "$PEERA" 10.0.1.2 10.0.1.1 2001:db8:a::2 2001:db8:a::1
  host "$PEERC" 10.0.1.3 10.0.1.1 2001:db8:a::3 2001:db8:a::1
  host "$PEERB" 10.0.2.2 10.0.2.1 2001:db8:b::2 2001:db8:b::1
  # IPv6 routes across the "internet"
  ip -n "$PUB" -6 route add 2001:db8:a::/64 via 2001:db8::10
  ip -n "$PUB" -6 route add 2001:db8:b::/64 via 2001:db8::20
  ip -n "$NATA" -6 route add default via 2001:db8::1
  ip -n "$NATB" -6 route add default via 2001:db8::1
}

host() { # namespace ipv4 gateway4 ipv6 gateway6
  ip -n "$1" addr add "$2/24" dev eth0
  v6addr "$1" eth0 "$4/64"
  ip -n "$1" link set eth0 up
  ip -n "$1" route add default via "$3"
  ip -n "$1" -6 route add default via "$5"
}

route() { # route a|a2
  case "$1" in
    a)
      ip -n "$PEERA" route replace default via 10.0.1.1
      nat_rules cone | ip netns exec "$NATA" nft -f - ;;
    a2)
      ip -n "$PEERA" route replace default via 10.0.1.254
      ip netns exec "$NATA" nft add rule ip natbox forward ip daddr 10.0.1.2 counter drop
      ip netns exec "$NATA" nft add rule ip natbox forward ip saddr 10.0.1.2 counter drop ;;
    *) echo "unknown route $1" >&2; exit 2 ;;
  esac
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
  for ns in "$NATA" "$NATB" "$NATA2"; do echo "== $ns nft"; ip netns exec "$ns" nft list ruleset; done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  mode) mode "$2" "$3" ;;
  route) route "$2" ;;
  names) echo "${ALL[*]}" ;;
  *) echo "usage: $0 up|down|status|names|mode <a|b> <mode>|route <a|a2>" >&2; exit 2 ;;
esac
