"""What the agenda-pack views show: the pack with a small chart per signal, and the share link."""
from __future__ import annotations

from dataclasses import dataclass
from flask import url_for

from webapp import pdf
from webapp.access import Actor, can
from webapp.clock import local_time
from webapp.dashboard.charts import Chart, line_chart
from webapp.signals.keys import year_month
from webapp.evidence import sharing
from webapp.evidence.pack import CLEAR_DAYS, Pack, cleared_rate
from webapp.signals.sources import Signal
from webapp.formatting import bulan_tahun, jam, tanggal
from webapp.meetings.queries import followups_for
from webapp.regions.letterhead import kop_for
from webapp.regions.queries import setting_for
from webapp.share import whatsapp_link


@dataclass
class Shown:
    """A signal as the pack shows it: live, or frozen when it was picked."""

    signal: Signal
    chart: Chart | None
    href: str | None
    agenda_item_id: int | None = None


def _chart(signal: Signal, area_label: str) -> Chart | None:
    if not signal.trend or all(v is None for v in signal.trend):
        return None
    return line_chart(signal.trend_label, signal.trend_months, signal.trend, signal.area_trend, signal.unit_label,
                      area_label)


def _href(signal: Signal) -> str | None:
    return url_for(signal.link[0], **signal.link[1]) if signal.link else None


def shown(signal: Signal, area_label: str, agenda_item_id: int | None = None) -> Shown:
    return Shown(signal, _chart(signal, area_label), _href(signal), agenda_item_id)


def frozen_signal(payload: dict) -> Signal:
    """A picked signal back from its frozen JSON."""
    data = dict(payload)
    data["figures"] = [tuple(pair) for pair in data["figures"]]
    data["link"] = tuple(data["link"]) if data.get("link") else None
    return Signal(**data)


def months_label(pack: Pack) -> str:
    first, last = pack.months
    if first == last:
        return bulan_tahun(*year_month(last))
    return f"{bulan_tahun(*year_month(first))} – {bulan_tahun(*year_month(last))}"


def share_text(pack: Pack, day: str) -> str:
    meeting = pack.meeting
    url = url_for("evidence.pack", meeting_id=meeting.id, _external=True)
    return (f"Bahan rapat \"{meeting.title}\" ({day}): {sum(len(s) for _, s in pack.groups)} sinyal dari data "
            f"{months_label(pack)}. Buka di Pokjanal (anggota): {url}")


def action_share(item) -> str:
    """A WhatsApp message for one action item, with the page where those responsible report progress."""
    due = tanggal(item.due_on, False) if item.due_on else "-"
    url = url_for("meetings.action", action_id=item.id, _external=True)
    return whatsapp_link(f"Tindak lanjut rapat \"{item.meeting.title}\": {item.what}. Penanggung jawab: "
                         f"{item.responsible_label}; batas {due}. Laporkan perkembangan: {url}")


def context(actor: Actor, pack: Pack) -> dict:
    """The page and the PDF share this: signals per source (picked ones frozen), decisions, follow-ups."""
    meeting, area = pack.meeting, pack.meeting.region.label
    setting = setting_for(meeting.region_code)
    start = local_time(meeting.starts_at, setting.timezone)
    day = f"{tanggal(start.date())}, {jam(start.time())} {setting.zone_suffix}"
    picked = [shown(frozen_signal(s.frozen), area, s.agenda_item_id) for s in pack.picked.values()]
    groups = [(source, [shown(sig, area) for sig in signals if sig.id not in pack.picked])
              for source, signals in pack.groups]
    return {
        "meeting": meeting, "pack": pack, "picked": picked, "groups": groups, "day": day,
        "as_of": tanggal(pack.ctx.as_of, False), "months": months_label(pack), "setting": setting,
        "may_pick": can(actor, "minutes.edit", meeting), "followups": followups_for(actor, meeting),
        "action_share": action_share,
        "share": whatsapp_link(share_text(pack, day)), "logo": pdf.data_uri(setting.logo, setting.logo_mime),
        "kop_lines": kop_for(meeting.region).lines,  # the tier the meeting's body speaks for
        "rate": cleared_rate(meeting.region), "clear_days": CLEAR_DAYS, **share_context(actor, meeting),
    }


def share_context(actor: Actor, meeting) -> dict:
    """For those who run the meeting: the live PDF links, to revoke."""
    if not can(actor, "meeting.manage", meeting):
        return {"links": None}
    return {"links": sharing.live_links(meeting), "kinds": sharing.KINDS}


def new_link(meeting, kind: str, token: str) -> dict:
    """A link just made: its address (shown once) and a WhatsApp message carrying it; it opens without an
    account, which most guests do not have."""
    url = url_for("sharing.open_link", meeting_id=meeting.id, kind=kind, token=token, _external=True)
    text = f"{sharing.KINDS[kind]} \"{meeting.title}\" — buka tanpa akun, berlaku 7 hari: {url}"
    return {"url": url, "share": whatsapp_link(text), "label": sharing.KINDS[kind]}
