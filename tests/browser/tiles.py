"""A small local map-tile server, so browser tests draw the map as visitors see it without reaching PDOK."""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image, ImageDraw


def tile_png():
    """A 256-pixel tile like a plain background map: pale land, a canal, a grid of streets."""
    tile = Image.new("RGB", (256, 256), (238, 236, 226))
    draw = ImageDraw.Draw(tile)
    for offset in range(0, 256, 64):
        draw.line([(offset, 0), (offset, 256)], fill=(255, 255, 255), width=6)
        draw.line([(0, offset), (256, offset)], fill=(255, 255, 255), width=6)
    draw.line([(0, 200), (256, 150)], fill=(170, 211, 223), width=14)
    buffer = io.BytesIO()
    tile.save(buffer, "PNG")
    return buffer.getvalue()


class TileServer:
    def __init__(self):
        body = tile_png()
        self.requests = []
        requests = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # http.server's name
                requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.url = self.origin + "/tiles/{z}/{x}/{y}.png"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def tile_server(settings):
    """Serves tiles on 127.0.0.1 and points MAP_TILE_URL at it for the test."""
    with TileServer() as server:
        settings.MAP_TILE_URL = server.url
        settings.MAP_TILE_ATTRIBUTION = 'Kaartgegevens &copy; <a href="https://www.kadaster.nl/">Kadaster</a>'
        yield server


@pytest.fixture
def allowed_origins(tile_server):
    return (tile_server.origin,)
