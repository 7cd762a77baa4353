"""The report form as steps without JavaScript: one section shown, Lanjut/Kembali save and move, a skipped
service is stored blank, deep links open their section, and the summary lists what blocks and what warns."""
import re

from webapp.reports import queries, services

from .helpers import actor, fill, form_data, last_month, month_text, new_id, palangan_posyandu


def _url(posyandu, suffix=""):
    return f"/laporan/posyandu/{posyandu.id}/{month_text()}{suffix}"


def _shown(html: str) -> list[str]:
    """The steps of the page that are not hidden."""
    return [key for key, rest in re.findall(r'data-step="([a-z]+)" data-step-url="[^"]+"([^>]*)>', html)
            if " hidden" not in rest]


def test_a_fresh_month_opens_on_step_one_and_a_deep_link_on_its_section(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    posyandu = palangan_posyandu()
    html = demo_client.get(_url(posyandu)).get_data(as_text=True)
    assert _shown(html) == ["buka"]
    assert "Langkah 1 dari 7 · Hari buka" in html and 'aria-current="step">1<' in html
    assert "Simpan bagian ini" not in html  # the section saves on Lanjut
    html = demo_client.get(_url(posyandu, "/bagian/gizi")).get_data(as_text=True)
    assert _shown(html) == ["gizi"] and "Langkah 3 dari 7 · Balita" in html
    assert 'value="skip"' in html and "Tidak ada layanan bulan ini" in html
    assert _shown(demo_client.get(_url(posyandu, "/ringkasan")).get_data(as_text=True)) == ["ringkasan"]
    assert demo_client.get(_url(posyandu, "/bagian/tidak-ada")).status_code == 404


def test_lanjut_saves_and_goes_forward_kembali_back_and_the_report_resumes_where_she_stopped(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    posyandu, (year, month) = palangan_posyandu(), last_month()
    answer = demo_client.post(_url(posyandu, "/bagian/buka"), data=form_data("buka", year, month) | {"go": "next"})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/bagian/sasaran")
    data = form_data("sasaran", year, month) | {"go": "back", "lansia_served": "21"}
    answer = demo_client.post(_url(posyandu, "/bagian/sasaran"), data=data)
    assert answer.headers["Location"].endswith("/bagian/buka")
    assert queries.find_report(posyandu, year, month).lansia_served == 21  # Kembali kept what was typed
    assert _shown(demo_client.get(_url(posyandu)).get_data(as_text=True)) == ["gizi"]  # the first never saved


def test_a_section_with_an_error_stays_on_screen_and_never_says_tersimpan(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    posyandu, (year, month) = palangan_posyandu(), last_month()
    data = form_data("gizi", year, month) | {"balita_d": "60", "go": "next"}  # D > S
    answer = demo_client.post(_url(posyandu, "/bagian/gizi"), data=data)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and _shown(html) == ["gizi"]
    assert "D (ditimbang) tidak boleh lebih dari S" in html
    assert "Tersimpan, tetapi ada isian yang perlu diperbaiki" in html and "Bagian ini tersimpan." not in html
    summary = demo_client.get(_url(posyandu, "/ringkasan")).get_data(as_text=True)
    assert re.search(r'state-error"><a [^>]*>Balita: SKDN dan gizi<span>Perlu diperbaiki', summary)


def test_tidak_ada_layanan_stores_the_section_blank_not_zero(demo_client, login_as):
    kader, posyandu, (year, month) = actor("kader.palangan"), palangan_posyandu(), last_month()
    fill(kader, posyandu, year, month)
    login_as(demo_client, "kader.palangan")
    typed = form_data("ptm", year, month) | {"go": "skip"}  # what was typed is dropped: nothing was served
    answer = demo_client.post(_url(posyandu, "/bagian/ptm"), data=typed)
    assert answer.headers["Location"].endswith("/bagian/layanan")
    report = queries.find_report(posyandu, year, month)
    assert (report.dewasa_screened, report.lansia_at_risk, report.balita_d) == (None, None, 40)
    summary = demo_client.get(_url(posyandu, "/ringkasan")).get_data(as_text=True)
    assert re.search(r"Dewasa dan lansia<span>Tidak ada layanan bulan ini \(kosong\)", summary)
    assert re.search(r"Balita: SKDN dan gizi<span>Tersimpan", summary)
    skipped = demo_client.post(_url(posyandu, "/bagian/buka"), data=form_data("buka", year, month) | {"go": "skip"})
    assert skipped.headers["Location"].endswith("/bagian/sasaran")  # hari buka cannot be skipped: saved as typed
    assert queries.find_report(posyandu, year, month).kader_on_duty == 5


def test_the_recap_shows_a_skipped_service_blank(demo_client, login_as):
    kader, posyandu, (year, month) = actor("kader.palangan"), palangan_posyandu(), last_month()
    fill(kader, posyandu, year, month, dewasa_screened=None, dewasa_at_risk=None, lansia_screened=None,
         lansia_at_risk=None)
    services.submit(kader, posyandu, year, month, new_id(), True)
    login_as(demo_client, "pokja.palangan")
    html = demo_client.get(f"/laporan/rekap/{posyandu.region_code}?bulan={month_text()}").get_data(as_text=True)
    assert posyandu.name in html
    assert 'data-field="dewasa_screened">–<' in html and 'data-field="lansia_at_risk">–<' in html  # blank, never 0
    assert 'data-field="balita_d">40<' in html


def test_the_summary_lists_blocks_and_warnings_linking_to_each_field(demo_client, login_as):
    kader, posyandu, (year, month) = actor("kader.palangan"), palangan_posyandu(), last_month()
    fill(kader, posyandu, year, month, stunted=40)  # more stunted than measured: blocks
    login_as(demo_client, "kader.palangan")
    html = demo_client.get(_url(posyandu, "/ringkasan")).get_data(as_text=True)
    blocks = re.search(r'id="hambatan".*?</div>', html, re.S)[0]
    assert f'href="{_url(posyandu, "/bagian/gizi")}#stunted"' in blocks
    assert "Pendek dan sangat pendek (stunting)" in blocks
    assert "Kirim laporan</button>" in html
    partial = demo_client.get(_url(posyandu, "/ringkasan"), headers={"HX-Request": "true", "HX-Target": "ringkasan"})
    fragment = partial.get_data(as_text=True)
    assert "<html" not in fragment and fragment.strip().startswith('<section id="ringkasan"') and "#stunted" in fragment


def test_step_pages_are_404_outside_ones_desa(demo_client, login_as):
    posyandu = palangan_posyandu()
    login_as(demo_client, "kader.hanjalipan")
    assert demo_client.get(_url(posyandu, "/bagian/gizi")).status_code == 404
    assert demo_client.get(_url(posyandu, "/ringkasan")).status_code == 404
