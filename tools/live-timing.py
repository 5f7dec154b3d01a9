#!/usr/bin/env python3
"""Measure the live page's time from a slider change to the redrawn chart
(docs/live.md, "How fast"), in headless Chromium driven through its
DevTools protocol.

  python3 tools/live-timing.py SCENARIO [--replications N] [--changes K]

Starts `./rentbridge serve SCENARIO --port 0`, opens the page, waits for
its first drawing, then moves the cap slider K times (an `input` event, as
a planner's drag gives) and reads, each time, the page's own measure: from
the event to the frame after the charts were redrawn
(document.body.dataset.redrawMs).  Prints each and the median.
"""
import base64
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request


def ws_connect(url):
    """A websocket to @url (ws://host:port/path), handshake done."""
    rest = url[len("ws://"):]
    hostport, path = rest.split("/", 1)
    host, port = hostport.split(":")
    s = socket.create_connection((host, int(port)))
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\n"
               "Upgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
               ).encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += s.recv(1)
    return s


def ws_send(s, text):
    data = text.encode()
    mask = os.urandom(4)
    n = len(data)
    hdr = bytes([0x81])
    if n < 126:
        hdr += bytes([0x80 | n])
    elif n < 65536:
        hdr += bytes([0x80 | 126]) + struct.pack(">H", n)
    else:
        hdr += bytes([0x80 | 127]) + struct.pack(">Q", n)
    s.sendall(hdr + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))


def recv_n(s, n):
    out = b""
    while len(out) < n:
        chunk = s.recv(n - len(out))
        if not chunk:
            raise EOFError
        out += chunk
    return out


def ws_recv(s):
    b1, b2 = recv_n(s, 2)
    n = b2 & 0x7F
    if n == 126:
        n = struct.unpack(">H", recv_n(s, 2))[0]
    elif n == 127:
        n = struct.unpack(">Q", recv_n(s, 8))[0]
    return recv_n(s, n).decode(errors="replace")


class Page:
    def __init__(self, ws):
        self.ws, self.n = ws, 0

    def call(self, method, **params):
        self.n += 1
        ws_send(self.ws, json.dumps({"id": self.n, "method": method,
                                     "params": params}))
        while True:
            m = json.loads(ws_recv(self.ws))
            if m.get("id") == self.n:
                return m

    def eval(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, awaitPromise=True,
                      returnByValue=True)
        return r["result"]["result"].get("value")


WAIT_DONE = """new Promise((ok) => { const t = setInterval(() => {
  if (document.body.dataset.state === 'done' && document.body.dataset.settings === %s) {
    clearInterval(t); ok(document.body.dataset.redrawMs + ' ' + document.body.dataset.computeMs); } }, 5); })"""

MOVE = """(() => { const i = document.querySelector('input[data-key="subsidy.cap"]');
  i.value = %s; i.dispatchEvent(new Event('input')); return i.value; })()"""


def main(argv):
    scenario = argv[1]
    reps = argv[argv.index("--replications") + 1] if "--replications" in argv else None
    changes = int(argv[argv.index("--changes") + 1]) if "--changes" in argv else 10
    tmp = tempfile.mkdtemp(prefix="rb-live-timing-")
    cmd = ["./rentbridge", "serve", scenario, "--port", "0", "--out", tmp + "/out"]
    if reps:
        cmd += ["--replications", reps]
    srv = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    url = srv.stdout.readline().split()[-1]
    br = subprocess.Popen(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                           "--no-first-run", "--remote-debugging-port=0",
                           "--user-data-dir=" + tmp + "/chromium",
                           "--window-size=1400,1100", "about:blank"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = tmp + "/chromium/DevToolsActivePort"
        for _ in range(200):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.1)
        dport = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{dport}/json/list"))
        page = Page(ws_connect([t for t in targets if t["type"] == "page"][0]
                               ["webSocketDebuggerUrl"]))
        page.call("Page.enable")
        page.call("Page.navigate", url=url)
        time.sleep(1)
        print("first drawing:", page.eval(WAIT_DONE % json.dumps("")), "ms (redraw, compute)")
        times = []
        for k in range(changes):
            cap = 2100 + 100 * k
            page.eval(MOVE % cap)
            got = page.eval(WAIT_DONE % json.dumps(f"subsidy.cap={cap}"))
            redraw, compute = got.split()
            times.append(float(redraw))
            print(f"cap {cap}: redrawn {redraw} ms after the change "
                  f"(computation {float(compute):.0f} ms)")
        times.sort()
        print(f"median {times[len(times) // 2]:.0f} ms, max {times[-1]:.0f} ms "
              f"over {len(times)} changes")
    finally:
        br.terminate()
        srv.terminate()
        br.wait()
        srv.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
