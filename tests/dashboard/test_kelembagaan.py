"""The dashboard's kelembagaan section: bodies formed and with a valid SK per tier and per area, the share of
desa with a Pokja, members per unsur — equal to a plain recomputation on random bodies — and its scope."""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.lembaga.figures import figures
from webapp.lembaga.models import Body, Member
from webapp.mitra.demo import seed_mitra
from webapp.mitra.models import Mitra
from webapp.regions.models import Region

TODAY = dt.date(2026, 6, 30)


def _random_bodies(rng: random.Random, kabupaten: str) -> list[Body]:
    """Bodies on a random third of the kabupaten's regions: SK or none, masa bakti ended, running or open."""
    seed_mitra()
    mitra = list(db.session.scalars(select(Mitra).where(Mitra.kabupaten_code == kabupaten)))
    codes = db.session.scalars(select(Region.code).where(
        (Region.code == kabupaten) | Region.code.startswith(kabupaten + "."))).all()
    bodies = []
    for code in codes:
        if rng.random() > 0.35:
            continue
        end = rng.choice([None, TODAY, TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=400)])
        body = Body(region_code=code, sk_number=rng.choice(["", f"SK/{code}"]), term_end=end)
        for n in range(rng.randrange(4)):
            pick = rng.random()
            body.members.append(Member(
                name=f"Anggota {code} {n}", jabatan="anggota", sex=rng.choice("LP"),
                mitra_id=rng.choice(mitra).id if pick < 0.5 else None,
                unsur_text="Tokoh masyarakat" if 0.5 <= pick < 0.8 else ""))
        db.session.add(body)
        bodies.append(body)
    db.session.commit()
    return bodies


def _under(code: str, ancestor: str) -> bool:
    return code == ancestor or code.startswith(ancestor + ".")


def _plain(region: Region, bodies: list[Body]) -> dict:
    """The same figures counted one region and one body at a time."""
    regions = db.session.scalars(select(Region)).all()
    inside = [r for r in regions if r.code == region.code or r.code.startswith(region.code + ".")]
    mine = [b for b in bodies if b.region_code == region.code or b.region_code.startswith(region.code + ".")]
    level = {r.code: r.level for r in regions}
    valid = {b.region_code: bool(b.sk_number) and (b.term_end is None or b.term_end >= TODAY) for b in mine}
    tiers = []
    for tier, label in (("kabupaten", "Kabupaten"), ("kecamatan", "Kecamatan"), ("desa", "Desa/kelurahan")):
        count = sum(1 for r in inside if r.level == tier)
        if count:
            formed = [b for b in mine if level[b.region_code] == tier]
            tiers.append((label, count, len(formed), sum(valid[b.region_code] for b in formed)))
    rows = []
    for child in sorted((r for r in regions if r.parent_code == region.code), key=lambda r: r.code):
        desa = [r.code for r in inside if r.level == "desa" and _under(r.code, child.code)]
        desa_bodies = [b for b in mine if b.region_code in desa]
        rows.append((child.code, child.code in valid, valid.get(child.code, False), len(desa), len(desa_bodies),
                     sum(valid[b.region_code] for b in desa_bodies),
                     sum(len(b.members) for b in mine if _under(b.region_code, child.code))))
    unsur = Counter()
    for body in mine:
        for m in body.members:
            unsur[m.mitra.short_name if m.mitra_id else (m.unsur_text or "Lainnya")] += 1
    return {"tiers": tiers, "rows": rows, "unsur": sorted(unsur.items(), key=lambda kv: (-kv[1], kv[0]))}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_figures_equal_a_plain_recomputation_on_random_bodies(demo_app, seed):
    rng = random.Random(seed)
    bodies = _random_bodies(rng, "62.02")
    for code in ("62.02", "62.02.01", "62.02.01.2003"):
        region = db.session.get(Region, code)
        got = figures(region, TODAY)
        want = _plain(region, bodies)
        assert [(label, t.regions, t.formed, t.valid) for label, t in got.tiers] == want["tiers"]
        assert [(r.region.code, r.own_formed, r.own_valid, r.desa.regions, r.desa.formed, r.desa.valid, r.members)
                for r in got.rows] == want["rows"]
        assert got.unsur == want["unsur"]
    assert any(t.formed > t.valid for _, t in figures(db.session.get(Region, "62.02"), TODAY).tiers)  # some expired


def test_the_dashboard_section_shows_the_area_and_stays_in_scope(demo_client, login_as):
    from webapp.lembaga.demo import seed_lembaga
    seed_mitra()
    seed_lembaga()
    db.session.commit()
    login_as(demo_client, "bupati.kotim")
    page = demo_client.get("/pemantauan/62.02").get_data(as_text=True)
    assert 'hx-get="/pemantauan/62.02/kelembagaan"' in page and 'href="/pemantauan/62.02/kelembagaan"' in page
    section = demo_client.get("/pemantauan/62.02/kelembagaan", headers={"HX-Request": "true"})
    text = section.get_data(as_text=True)
    assert section.status_code == 200 and "<html" not in text and 'id="kelembagaan"' in text
    assert "Desa/kelurahan yang punya Pokja/TP Posyandu: <strong>5,9 %</strong> (1 dari 17; dengan SK berlaku 5,9 %)" in text
    kota_besi = text[text.index('data-code="62.02.01"'):].split("</tr>")[0]
    assert "SK berlaku" in kota_besi and ">1</td>" in kota_besi and ">8</td>" in kota_besi  # 4 + 4 members
    assert "DPMD 2" in text
    assert "<html" in demo_client.get("/pemantauan/62.02/kelembagaan").get_data(as_text=True)  # works without htmx
    login_as(demo_client, "camat.kotabesi")
    assert demo_client.get("/pemantauan/62.02.01/kelembagaan").status_code == 200
    for username, code in (("camat.kotabesi", "62.02"), ("camat.baamang", "62.02.01"), ("bupati.ttu", "62.02"),
                           ("kader.palangan", "62.02.01.2003"), ("dinkes.kotim", "62.02")):
        login_as(demo_client, username)
        assert demo_client.get(f"/pemantauan/{code}/kelembagaan").status_code == 404, username
