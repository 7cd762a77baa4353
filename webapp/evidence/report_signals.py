"""Signals drawn from the monthly reports: late or missing reports, a drop in D/S, and stunting, BGM,
ibu hamil KEK and 2T balita above the area's median. Each rule fires at a stated threshold and says when it has cleared.
"""
from __future__ import annotations

from statistics import mean, median

from webapp.clock import month_key
from webapp.formatting import angka, bulan_tahun, persen
from webapp.evidence.figures import RATIOS, Cell
from webapp.signals.keys import year_month
from webapp.signals.sources import BELUM, MEMBURUK, MENUNGGU, TUNTAS, Context, Outcome, Signal, Source

ON_TIME_MIN = 0.8      # a unit fires when fewer than 80 % of its expected reports came on time
DS_DROP = 0.10         # D/S more than 10 points below the mean of its own three months before
DS_BACK = 0.05         # cleared when back within 5 points of that mean
GIZI_MARGIN = 1.25     # stunting/BGM/KEK rate more than 25 % above the area's median of units...
GIZI_MIN_COUNT = 2     # ...and at least 2 cases (one child is not a pattern)
CLEAR_RUN = 2          # reports on time twice running
EPSILON = 1e-9         # 0.8 - 0.7 is 0.10000000000000009 in floating point: exactly 10 points does not fire


def _link(ctx: Context, unit: str, endpoint: str) -> tuple[str, dict]:
    """The drill-down: the unit's page for the signal's month (a Posyandu's own dashboard below a desa)."""
    month = month_key(*year_month(ctx.latest))
    if unit.isdigit():
        return "dashboard.posyandu", {"posyandu_id": int(unit), "bulan": month}
    return endpoint, {"code": unit, "bulan": month}


def _share(cell: Cell) -> float | None:
    return cell.on_time / cell.expected if cell.expected else None


def _signal(ctx: Context, kind: str, unit: str, **kw) -> Signal:
    return Signal(id=f"{kind}:{unit}:{month_key(*year_month(ctx.latest))}", kind=kind, unit_code=unit,
                  unit_label=ctx.figures.units[unit], trend_months=ctx.trend, **kw)


def collect_late(ctx: Context) -> list[Signal]:
    """Units where fewer than ON_TIME_MIN of the reports expected over the window came on time."""
    out = []
    for unit, label in ctx.figures.units.items():
        cells = [ctx.figures.cell(unit, p) for p in ctx.window]
        expected = sum(c.expected for c in cells)
        received, on_time = sum(c.received for c in cells), sum(c.on_time for c in cells)
        if not expected or on_time / expected >= ON_TIME_MIN:
            continue
        missing, late = max(expected - received, 0), received - on_time
        months = bulan_tahun(*year_month(ctx.latest))
        if len(ctx.window) > 1:
            months = f"{bulan_tahun(*year_month(ctx.window[0]))} – {months}"
        out.append(_signal(
            ctx, "lapor", unit,
            title=f"{label}: {angka(missing)} laporan belum masuk, {angka(late)} terlambat",
            figures=[("Periode", months), ("Laporan diharapkan", angka(expected)), ("Tepat waktu", angka(on_time)),
                     ("Terlambat", angka(late)), ("Belum masuk", angka(missing)),
                     ("Tepat waktu (persen)", persen(on_time, expected))],
            values={"share": on_time / expected, "latest": ctx.latest}, severity=1 - on_time / expected,
            link=_link(ctx, unit, "reports.recap.completeness"), trend_label="Laporan tepat waktu",
            trend=[_share(ctx.figures.cell(unit, p)) for p in ctx.trend],
            area_trend=[_share(ctx.figures.area(p)) for p in ctx.trend]))
    return out


def outcome_late(frozen: dict, ctx: Context) -> Outcome:
    """Tuntas when every expected report came on time two months running after the signal's month."""
    after = [p for p in ctx.figures.periods if frozen["values"]["latest"] < p <= ctx.latest]
    if not after:
        return Outcome(MENUNGGU, "Belum ada bulan laporan baru sejak sinyal dipilih.")
    cells = [ctx.figures.cell(frozen["unit_code"], p) for p in after]
    run = best = 0
    for cell in cells:
        run = run + 1 if cell.expected and cell.on_time >= cell.expected else 0
        best = max(best, run)
    if best >= CLEAR_RUN:
        return Outcome(TUNTAS, f"Semua laporan tepat waktu {CLEAR_RUN} bulan berturut-turut.")
    shares = [s for s in map(_share, cells) if s is not None]
    if shares and mean(shares) < frozen["values"]["share"]:
        return Outcome(MEMBURUK, f"Tepat waktu {persen(mean(shares), 1)}, turun dari {persen(frozen['values']['share'], 1)}.")
    return Outcome(BELUM, "Belum dua bulan berturut-turut semua laporan tepat waktu.")


def collect_ds(ctx: Context) -> list[Signal]:
    """Units whose D/S in the latest month is more than DS_DROP below the mean of their three months before."""
    out = []
    for unit, label in ctx.figures.units.items():
        latest = ctx.figures.cell(unit, ctx.latest).ratio("ds")
        before = [r for r in (ctx.figures.cell(unit, ctx.latest - k).ratio("ds") for k in (1, 2, 3)) if r is not None]
        if latest is None or len(before) < 2 or mean(before) - latest <= DS_DROP + EPSILON:
            continue
        base = mean(before)
        out.append(_signal(
            ctx, "ds", unit,
            title=f"{label}: D/S turun ke {persen(latest, 1)} dari rata-rata {persen(base, 1)}",
            figures=[("Bulan", bulan_tahun(*year_month(ctx.latest))), ("D/S bulan ini", persen(latest, 1)),
                     (f"Rata-rata {len(before)} bulan sebelumnya", persen(base, 1)),
                     ("Turun", f"{(base - latest) * 100:.1f} poin".replace(".", ","))],
            values={"latest_ds": latest, "mean_ds": base, "latest": ctx.latest}, severity=base - latest,
            link=_link(ctx, unit, "dashboard.region"), trend_label="D/S",
            trend=[ctx.figures.cell(unit, p).ratio("ds") for p in ctx.trend],
            area_trend=[ctx.figures.area(p).ratio("ds") for p in ctx.trend]))
    return out


def outcome_ds(frozen: dict, ctx: Context) -> Outcome:
    """Tuntas when the latest D/S (corrected data included) is back within DS_BACK of the frozen mean."""
    values = frozen["values"]
    months = [p for p in ctx.figures.periods if values["latest"] <= p <= ctx.latest]
    now = next((r for r in (ctx.figures.cell(frozen["unit_code"], p).ratio("ds") for p in reversed(months))
                if r is not None), None)
    if now is None:
        return Outcome(MENUNGGU, "Belum ada D/S baru.")
    said = f"D/S sekarang {persen(now, 1)}; rata-rata acuan {persen(values['mean_ds'], 1)}."
    if now >= values["mean_ds"] - DS_BACK - EPSILON:
        return Outcome(TUNTAS, said)
    if now < values["latest_ds"] - DS_BACK:
        return Outcome(MEMBURUK, said)
    return Outcome(BELUM, said)


def _window_rate(ctx: Context, unit: str, key: str, periods: list[int]) -> tuple[int, int]:
    num = den = 0
    for p in periods:
        n, d = ctx.figures.cell(unit, p).sums.get(key, (0, 0))
        num, den = num + n, den + d
    return num, den


def gizi_source(key: str, noun: str, title: str) -> Source:
    """A source for one ratio (stunting, BGM, KEK): units above the area's median of unit rates."""
    label = RATIOS[key][2]

    def collect(ctx: Context) -> list[Signal]:
        rates = {u: _window_rate(ctx, u, key, ctx.window) for u in ctx.figures.units}
        known = [n / d for n, d in rates.values() if d]
        if not known:
            return []
        middle = median(known)
        out = []
        for unit, (num, den) in rates.items():
            if not den or num < GIZI_MIN_COUNT or num / den <= middle * GIZI_MARGIN:
                continue
            out.append(_signal(
                ctx, key, unit, title=f"{ctx.figures.units[unit]}: {noun} {angka(num)} ({persen(num, den)}), "
                                      f"di atas median wilayah {persen(middle, 1)}",
                figures=[("Jumlah", angka(num)), ("Dari", angka(den)), (label, persen(num, den)),
                         ("Median wilayah", persen(middle, 1))],
                values={"rate": num / den, "median": middle, "count": num, "latest": ctx.latest},
                severity=num / den - middle, link=_link(ctx, unit, "dashboard.region"), trend_label=label,
                trend=[ctx.figures.cell(unit, p).ratio(key) for p in ctx.trend],
                area_trend=[ctx.figures.area(p).ratio(key) for p in ctx.trend]))
        return out

    def outcome(frozen: dict, ctx: Context) -> Outcome:
        values = frozen["values"]
        after = [p for p in ctx.figures.periods if values["latest"] < p <= ctx.latest]
        num, den = _window_rate(ctx, frozen["unit_code"], key, after)
        if not den:
            return Outcome(MENUNGGU, "Belum ada laporan baru sejak sinyal dipilih.")
        said = f"{label} sesudahnya {persen(num, den)}; median acuan {persen(values['median'], 1)}."
        if num / den <= values["median"]:
            return Outcome(TUNTAS, said)
        return Outcome(MEMBURUK if num / den > values["rate"] else BELUM, said)

    return Source(key, title, collect, outcome)


SOURCES = (
    Source("lapor", "Laporan belum masuk atau terlambat", collect_late, outcome_late),
    Source("ds", "D/S turun lebih dari 10 poin", collect_ds, outcome_ds),
    gizi_source("stunting", "stunting", "Stunting di atas median wilayah"),
    gizi_source("bgm", "BGM", "BGM di atas median wilayah"),
    gizi_source("kek", "ibu hamil KEK", "Ibu hamil KEK di atas median wilayah"),
    gizi_source("2t", "balita 2T", "Balita 2T (tidak naik dua kali) di atas median wilayah"),
)
