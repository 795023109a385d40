"""Fetch a few pages from a server running the production settings; check status codes and security headers.

Usage: check_production.py BASE_URL HOST STORY_PATH. Requests say they came through the HTTPS proxy
(X-Forwarded-Proto), as they do in production. Exits 1 and lists every problem when anything is off.
"""

import http.client
import re
import sys
from urllib.parse import urlsplit

base, host, story = sys.argv[1], sys.argv[2], sys.argv[3]
PAGES = ["/", "/bibliotheek/", story, "/agenda/", "/sociale-kaart/", "/zoeken/?q=schulden", "/account/login/"]
SECURITY_HEADERS = {
    "Strict-Transport-Security": r"max-age=\d{7,}",
    "X-Content-Type-Options": r"^nosniff$",
    "X-Frame-Options": r"^DENY$",
    "Referrer-Policy": r"same-origin",
    "Cross-Origin-Opener-Policy": r"^same-origin$",
    "Permissions-Policy": r"geolocation=\(self\)",
    "Content-Security-Policy": r"frame-ancestors 'none'",
}
problems = []


def fetch(path):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=180)
    connection.request("GET", path, headers={"Host": host, "X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def check_csp(path, value):
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in value.split(";") if part.strip())
    scripts = directives.get("script-src", directives.get("default-src", ""))
    if "'unsafe-inline'" in scripts or not scripts:
        problems.append(f"{path}: script-src allows inline scripts or is missing: {scripts!r}")


def check_cookies(path, response):
    for cookie in response.headers.get_all("Set-Cookie") or []:
        name = cookie.split("=", 1)[0]
        flags = {flag.strip().split("=")[0].lower() for flag in cookie.split(";")[1:]}
        if not {"secure", "httponly", "samesite"} <= flags:
            problems.append(f"{path}: cookie {name} lacks Secure, HttpOnly or SameSite: {cookie}")


home_html = ""
# Each page twice: the second answer of a public page comes from the page cache, with the headers it stored.
for path in [page for page in PAGES for _twice in range(2)]:
    response, body = fetch(path)
    print(f"  {response.status} {path} ({len(body)} bytes, page cache: {response.getheader('X-Page-Cache')})")
    if response.status != 200:
        problems.append(f"{path}: status {response.status}")
        continue
    for header, pattern in SECURITY_HEADERS.items():
        value = response.getheader(header)
        if value is None or not re.search(pattern, value):
            problems.append(f"{path}: {header} is {value!r}")
    check_csp(path, response.getheader("Content-Security-Policy") or "")
    check_cookies(path, response)
    if path == "/":
        home_html = body.decode()

# A stylesheet named in the home page: collected with a content hash, served by WhiteNoise, cached for long.
static = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home_html)
if static is None:
    problems.append("home page names no hashed stylesheet under /static/")
else:
    response, body = fetch(static.group(1))
    print(f"  {response.status} {static.group(1)} ({len(body)} bytes)")
    if response.status != 200 or "max-age=315360000" not in (response.getheader("Cache-Control") or ""):
        problems.append(f"{static.group(1)}: {response.status}, Cache-Control {response.getheader('Cache-Control')!r}")

# Plain HTTP is sent to HTTPS.
parts = urlsplit(base)
connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=180)
connection.request("GET", "/", headers={"Host": host})
response = connection.getresponse()
if response.status != 301 or not (response.getheader("Location") or "").startswith("https://"):
    problems.append(f"plain HTTP gave {response.status} {response.getheader('Location')!r}, not a redirect to HTTPS")

if problems:
    print("Production check failed:\n  " + "\n  ".join(problems))
    sys.exit(1)
print("Production check passed.")
