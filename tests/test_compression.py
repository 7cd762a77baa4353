"""Text answers travel gzip-compressed when the client accepts it (the page-weight budget)."""
import gzip

GZIP = {"Accept-Encoding": "gzip, deflate, br"}

def test_pages_are_gzipped_for_clients_that_accept_it(demo_client, login_as):
    login_as(demo_client, "camat.kotabesi")
    plain = demo_client.get("/posyandu")
    packed = demo_client.get("/posyandu", headers=GZIP)
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"] and "HX-Request" in packed.headers["Vary"]
    assert gzip.decompress(packed.data).decode() == plain.get_data(as_text=True)
    assert len(packed.data) < len(plain.data) / 3
    assert int(packed.headers["Content-Length"]) == len(packed.data)

def test_static_css_and_js_are_gzipped_with_a_weak_etag(demo_client):

    with demo_client.application.test_request_context():
        from webapp.assets import asset
        css, htmx = asset("css/app.css"), asset("htmx")
    etags = {}
    for path in (css, htmx):
        response = demo_client.get(path, headers=GZIP)
        assert response.headers["Content-Encoding"] == "gzip", path
        assert "immutable" in response.headers["Cache-Control"]
        assert response.headers["ETag"].startswith('W/"')
        assert len(gzip.decompress(response.data)) > len(response.data)
        etags[path] = response.headers["ETag"]
    # The weak ETag the gzip answer carries still matches the file: a revalidation is a bodiless 304 ...
    again = demo_client.get(css, headers={**GZIP, "If-None-Match": etags[css]})
    assert again.status_code == 304 and again.data == b""
    # ... and another file's ETag does not match: the whole file again.
    other = demo_client.get(css, headers={**GZIP, "If-None-Match": etags[htmx]})
    assert other.status_code == 200 and other.headers["Content-Encoding"] == "gzip"

def test_small_answers_and_redirects_stay_as_they_are(demo_client):
    response = demo_client.get("/posyandu", headers=GZIP)  # anonymous: a short redirect
    assert response.status_code == 302 and "Content-Encoding" not in response.headers
