#!/usr/bin/env python3
"""What asking a live owner adds to GET /peer/{id}/udp/status, against a running ./run-local.

Registers three clients: a requester, a peer that pulses (v1, every second, so the local edge owns
it and the route asks the edge over the internal API) and a peer that never pulses (no owner: the
route reads the directory only). Then times status requests for the two peers, interleaved, over
one kept-alive HTTP connection, and prints medians and p99 in milliseconds and their difference.

Usage: tools/owner-latency.py [--http 127.0.0.1:5025] [--udp 127.0.0.1:5024] [--requests 400]
"""
import argparse
import http.client
import json
import socket
import statistics
import threading
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--http", default="127.0.0.1:5025")
    p.add_argument("--udp", default="127.0.0.1:5024")
    p.add_argument("--requests", type=int, default=400)
    a = p.parse_args()
    host, port = a.http.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)

    def call(method, path, key=None):
        headers = {"Authorization": "Bearer " + key} if key else {}
        conn.request(method, path, headers=headers)
        r = conn.getresponse()
        body = r.read()
        return r.status, json.loads(body) if body else None

    requester, owned, unowned = (call("POST", "/register")[1] for _ in range(3))
    uhost, uport = a.udp.split(":")
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(5)
    stop = threading.Event()

    def pulse():
        while not stop.is_set():
            sock.sendto(bytes.fromhex(owned["private_id"]), (uhost, int(uport)))
            try:
                sock.recv(64)
            except socket.timeout:
                pass
            stop.wait(1.0)

    threading.Thread(target=pulse, daemon=True).start()
    time.sleep(2)

    times = {"owned": [], "unowned": []}
    for i in range(a.requests):
        for name, peer in (("owned", owned), ("unowned", unowned)):
            start = time.perf_counter()
            status, body = call("GET", "/peer/%s/udp/status" % peer["client_id"], requester["private_id"])
            elapsed = (time.perf_counter() - start) * 1000
            if status != 200:
                raise SystemExit("status answered %d: %s" % (status, body))
            if i >= 20:  # the first requests warm both processes up
                times[name].append(elapsed)
    stop.set()
    last = call("GET", "/peer/%s/udp/status" % owned["client_id"], requester["private_id"])[1]
    for name in ("owned", "unowned"):
        t = sorted(times[name])
        print("%-8s n=%d  median %.2f ms  p99 %.2f ms" % (
            name, len(t), statistics.median(t), t[int(0.99 * (len(t) - 1))]))
    print("added by the owner call: median %.2f ms" % (
        statistics.median(times["owned"]) - statistics.median(times["unowned"])))
    print("owned peer's last_online while pulsing every 1 s: %s s" % last["last_online"])


if __name__ == "__main__":
    main()
