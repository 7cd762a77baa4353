"""Bytes over the wire for a first visit (empty cache), gzip as a phone browser asks for it.

Counts each answer's body as sent (compressed) plus its status line and headers: the login
page a new visitor opens, then the home page right after signing in, each with every
stylesheet, script, icon and manifest it links. Budget (DESIGN §4): ≤ 60 KB in all,
JavaScript ≤ 25 KB.
"""
import re

from common import fresh_app, table

BROWSER = {"Accept-Encoding": "gzip, deflate, br", "Accept": "text/html,*/*",
           "User-Agent": "Mozilla/5.0 (Linux; Android 13) Chrome/120 Mobile"}
LINKED = re.compile(r'<(?:script[^>]+src|link[^>]+href|img[^>]+src)="(/[^"]+)"')


def wire_bytes(response) -> int:
    head = f"HTTP/1.1 {response.status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in response.headers.items())
    return len(head.encode()) + 2 + len(response.data)


def first_load(client, path: str) -> list[list]:
    page = client.get(path, headers=BROWSER)
    assert page.status_code == 200, (path, page.status_code)
    html = page.data
    if page.headers.get("Content-Encoding") == "gzip":
        import gzip
        html = gzip.decompress(html)
    rows = [[path, "html", page.headers.get("Content-Encoding", "none"), len(page.data), wire_bytes(page)]]
    for url in dict.fromkeys(LINKED.findall(html.decode())):
        url = url.replace("&amp;", "&")
        asset = client.get(url, headers=BROWSER)
        kind = "js" if ".js" in url else "css" if ".css" in url else "other"
        rows.append([f"  {url.split('?')[0]}", kind, asset.headers.get("Content-Encoding", "none"),
                     len(asset.data), wire_bytes(asset)])
    return rows


def main() -> None:
    app = fresh_app(demo=True)
    with app.app_context():
        client = app.test_client()
        login = first_load(client, "/masuk")
        token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/masuk").data)
        data = {"login": "kader.palangan", "password": "pokjanal-demo"}
        if token:
            data["csrf_token"] = token.group(1).decode()
        assert client.post("/masuk", data=data).status_code == 302
        home = first_load(client, "/")
    for title, rows in (("login page, first visit", login), ("home page after sign-in, empty cache", home)):
        total = sum(r[4] for r in rows)
        js = sum(r[4] for r in rows if r[1] == "js")
        print(table([title, "type", "encoding", "body bytes", "wire bytes"],
                    rows + [["total", "", "", sum(r[3] for r in rows), total]]))
        print(f"total {total / 1024:.1f} KB (budget 60 KB), JavaScript {js / 1024:.1f} KB (budget 25 KB)\n")


if __name__ == "__main__":
    main()
