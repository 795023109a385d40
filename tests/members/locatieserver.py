"""A local stand-in for the PDOK Locatieserver's /free search, for tests (no network).

It answers like the real service: {"response": {"numFound": n, "start": 0, "docs": [{"centroide_ll": "POINT(lon lat)",
"type": ..., "weergavenaam": ...}]}}. ``mode`` switches it to failing: "500", "bad_json", "slow". ``requests``
records the query strings it received.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PLACES = {
    "1315 AB": ("postcode", "1315AB Almere", 5.2167, 52.3700),
    "1315": ("postcode", "1315 Almere", 5.2150, 52.3710),
    "1351 AA": ("postcode", "1351AA Almere", 5.2050, 52.3630),
    "almere": ("woonplaats", "Almere, Almere, Flevoland", 5.2647, 52.3508),
    "lelystad": ("woonplaats", "Lelystad, Lelystad, Flevoland", 5.4714, 52.5185),
    "stationsplein 1, 1315 ab almere": ("adres", "Stationsplein 1, 1315AB Almere", 5.2170, 52.3751),
}


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that gave up (the timeout tests) breaks the pipe; that is expected


class Locatieserver:
    def __init__(self):
        self.mode = "ok"
        self.requests = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                params = {key: values[0] for key, values in parse_qs(parts.query).items()}
                stand_in.requests.append(params)
                if stand_in.mode == "slow":
                    time.sleep(1.5)
                if stand_in.mode == "500":
                    self.send_response(500)
                    self.end_headers()
                    self.wfile.write(b"Internal Server Error")
                    return
                if parts.path != "/free":
                    self.send_response(404)
                    self.end_headers()
                    return
                body = b"{not json" if stand_in.mode == "bad_json" else json.dumps(answer(params)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/free"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def answer(params):
    found = PLACES.get(params.get("q", "").lower()) or PLACES.get(params.get("q", "").upper())
    docs = []
    if found:
        kind, name, longitude, latitude = found
        docs.append({"type": kind, "weergavenaam": name, "centroide_ll": f"POINT({longitude} {latitude})"})
    return {"response": {"numFound": len(docs), "start": 0, "maxScore": 10.0, "docs": docs}}
