"""At 360×740 in Chromium, the main pages of each role fit a thumb: no horizontal scroll, every visible
tap target at least 44×44 CSS px, and no word broken across two lines."""
import pytest

from tests.conftest import sign_in_page
from tests.reports.helpers import month_text

pytestmark = pytest.mark.browser

# Inline links inside a sentence are exempt (WCAG 2.5.8 "inline"): the sentence's line height sets them.
PROBLEMS = """() => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) out.push(`horizontal scroll: ${root.scrollWidth}px`);
  const visible = (el) => {
    if (el.closest("details:not([open])") && !el.closest("summary")) return false;  // folded away
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    return s.visibility !== "hidden" && s.display !== "none" && r.width > 0 && r.height > 0 && !el.closest(".skip, [hidden]");
  };
  const inSentence = (el) => {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    const block = el.parentElement.closest("p, li, dd, small, div");
    return block && block.textContent.trim().length > el.textContent.trim().length + 3;
  };
  const name = (el) => (el.getAttribute("aria-label") || el.textContent || el.name || el.id || el.tagName).trim().slice(0, 40);
  document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary").forEach((el) => {
    let target = el;
    if (el.matches("input[type=checkbox], input[type=radio]")) target = el.closest("label") || el;
    if (!visible(target) || inSentence(target)) return;
    const r = target.getBoundingClientRect();
    if (r.width < 43.5 || r.height < 43.5) out.push(`small target ${Math.round(r.width)}×${Math.round(r.height)}: ${name(el)}`);
  });
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !visible(parent) || parent.closest("svg, script, style, .sr-only")) continue;
    const re = /[^\\s\\/\u2013-]{2,}/g;  // a break after a slash or dash is not mid-word
    let m;
    while ((m = re.exec(node.data))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) out.push(`word broken over lines: ${m[0]} (in ${parent.tagName.toLowerCase()}${parent.className ? "." + parent.className : ""})`);
    }
  }
  return out;
}"""

PAGES = {
    "kader.palangan": ["/", "/laporan", "{report}", "/kotak-keluar", "/rapat", "/posyandu"],
    "pokja.palangan": ["/", "/laporan", "/laporan/kelengkapan/62.02.01.2003", "/rencana-kerja", "/rapat",
                       "/pemantauan", "/sarpras"],
    "camat.kotabesi": ["/", "/pemantauan", "/laporan/rekap/62.02.01", "/rencana-kerja", "/rapat"],
    "bupati.kotim": ["/", "/pemantauan", "/rencana-kerja", "/rapat", "/pemantauan/kekuatan"],
    "admin.kotim": ["/", "/posyandu", "/akun", "/pengaturan"],
}


@pytest.mark.parametrize("username", sorted(PAGES))
def test_main_pages_fit_a_thumb_at_360(phone, live_server, username):
    with live_server.app.app_context():
        from webapp.demo import first_posyandu

        report = f"/laporan/posyandu/{first_posyandu('62.02.01.2003').id}/{month_text()}"
    page = phone.new_page()
    sign_in_page(page, live_server.url, username)
    found = {}
    for path in PAGES[username]:
        page.goto(live_server.url + path.format(report=report))
        assert page.url.startswith(live_server.url + path.format(report=report).split("?")[0]), page.url
        problems = page.evaluate(PROBLEMS)
        if problems:
            found[path] = problems
    assert found == {}, "\n".join(f"{p}: {x}" for p, xs in found.items() for x in xs)
