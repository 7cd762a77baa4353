"""Demo meetings: a Kotim kabupaten coordination meeting (WIB), a TTU Bimtek (WITA, 09.35) and a later Kotim
meeting that follows the first one's action items up (one done, one late). Idempotent."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from webapp.access import Actor
from webapp.auth.models import User
from webapp.extensions import db
from webapp.meetings.models import (
    ActionItem, ActionStatus, ActionUpdate, AgendaItem, Attendance, Meeting, MeetingKind, MinutesRevision,
    MinutesStatus, Participant, Speaker,
)
from webapp.clock import to_utc
from webapp.lembaga.models import Body, Member
from webapp.mitra.demo import find
from webapp.meetings import signed
from webapp.meetings.revisions import snapshot
from webapp.meetings.services import new_checkin_code


KOTIM_GUESTS = [
    ("Hj. Noor Aisyah Fitriani", "Ketua TP PKK Kabupaten", "TP PKK", "P"),
    ("dr. Bambang Setiadi", "Kepala Bidang Kesehatan Masyarakat", "Dinas Kesehatan", "L"),
    ("Rusdiansyah, S.Pd", "Kepala Bidang PAUD", "Dinas Pendidikan", "L"),
    ("Ir. Hendra Gunawan", "Kepala Bidang Cipta Karya", "Dinas PUPR", "L"),
    ("Siti Rahmah, S.Sos", "Kepala Bidang Perumahan", "Dinas Perkim", "P"),
    ("Agus Salim", "Kepala Seksi Rehabilitasi Sosial", "Dinas Sosial", "L"),
    ("Mulyadi", "Kepala Seksi Linmas", "Satpol PP", "L"),
]

TTU_GUESTS = [
    ("Maria Yasinta Bano", "Ketua TP PKK Kabupaten", "TP PKK", "P"),
    ("Adrianus Sasi, S.Kep", "Pengelola Program Gizi", "Dinas Kesehatan", "L"),
    ("Yuliana Ati, A.Md.Keb", "Bidan Koordinator", "Puskesmas Kefamenanu", "P"),
    ("Benediktus Eko", "Tokoh Masyarakat", "Kelurahan Benpasi", "L"),
]


def _user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == username))


def _meeting(region_code, kind, title, day, start, end, place, chair, notulis, timezone, status) -> tuple[Meeting, bool]:
    starts_at = to_utc(day, start, timezone)
    found = db.session.scalar(select(Meeting).where(Meeting.region_code == region_code, Meeting.title == title,
                                                    Meeting.starts_at == starts_at))
    if found is not None:
        return found, False
    meeting = Meeting(region_code=region_code, kind=kind, title=title, starts_at=starts_at,
                      ends_at=to_utc(day, end, timezone) if end else None, place=place, chair_id=_user(chair).id,
                      notulis_id=_user(notulis).id, status=status, checkin_code=new_checkin_code(),
                      created_by_id=_user(notulis).id)
    db.session.add(meeting)
    return meeting, True


def _people(meeting: Meeting, usernames: list[str], guests, absent: set[str] = frozenset()) -> None:
    for username in usernames:
        meeting.participants.append(Participant(
            user_id=_user(username).id, attendance=Attendance.IZIN if username in absent else Attendance.HADIR,
            checked_in_at=None if username in absent else meeting.starts_at + dt.timedelta(minutes=5)))
    for n, (name, jabatan, instansi, sex) in enumerate(guests):
        meeting.participants.append(Participant(
            guest_name=name, jabatan=jabatan, instansi=instansi, sex=sex, phone=f"08125{n:07d}",
            attendance=Attendance.TIDAK_HADIR if n == len(guests) - 1 else Attendance.HADIR))


def _kotim_member(name: str) -> Member | None:
    return db.session.scalar(select(Member).join(Body).where(Body.region_code == "62.02", Member.own_name == name))


def _members(meeting: Meeting, attendance: dict[str, Attendance]) -> None:
    """Members of the body without an account, invited one by one and marked by the note-taker."""
    for name, mark in attendance.items():
        member = _kotim_member(name)
        if member is not None:
            meeting.participants.append(Participant(member_id=member.id, attendance=mark))


def _member_and_mitra_items(meeting: Meeting, agenda: AgendaItem) -> None:
    """Action items given to a member of the body (no account) and to a mitra (its staff update it at home)."""
    member, dinkes = _kotim_member("Sutrisno, S.Pd"), find("62.02", "Dinkes")
    if member is not None:
        meeting.action_items.append(ActionItem(
            agenda_item_id=agenda.id, what="Mengajak PAUD dan TK membawa anak ke Posyandu saat BPB",
            responsible_member_id=member.id, due_on=dt.date(2027, 1, 31)))
    if dinkes is not None:
        meeting.action_items.append(ActionItem(
            agenda_item_id=agenda.id, what="Menyiapkan dacin, timbangan digital dan KMS untuk BPB di 17 kecamatan",
            responsible_mitra_id=dinkes.id, due_on=dt.date(2027, 1, 15)))


def _agenda(meeting: Meeting, items) -> list[AgendaItem]:
    result = []
    for position, (title, discussion, decisions) in enumerate(items, start=1):
        item = AgendaItem(position=position, title=title, discussion=discussion, decisions=decisions)
        meeting.agenda_items.append(item)
        result.append(item)
    return result


def _finish(meeting: Meeting, by: str) -> None:
    db.session.flush()
    db.session.add(MinutesRevision(meeting_id=meeting.id, number=1, snapshot=snapshot(meeting),
                                   saved_by_id=_user(by).id))
    if meeting.status in (MinutesStatus.FINAL, MinutesStatus.LOCKED):
        meeting.finalized_at = meeting.starts_at + dt.timedelta(days=3)
        signed.freeze(Actor(meeting.chair), meeting)  # what it printed when signed, not what came later


def seed_meetings() -> None:
    first = _seed_kotim_first()
    _seed_ttu_bimtek()
    _seed_kotim_followup(first)
    for event in KOTIM_ACTIVITIES:
        _seed_activity(*event)


# The Kotim pilot's advokasi and bimtek, filed as laporan pelaksanaan kegiatan (names fictitious):
# region, kind, title, day, start, end, place, chair, notulis, basis, purpose, speaker, attendees, agenda.
KOTIM_ACTIVITIES = [
    ("62.02", MeetingKind.ADVOKASI, "Advokasi Penguatan Posyandu ILP kepada Camat dan Kepala Desa", dt.date(2026, 8, 20),
     dt.time(9, 0), dt.time(12, 30), "Aula Kantor Bupati Kotawaringin Timur, Sampit", "bupati.kotim", "pokjanal.kotim",
     "Permendagri Nomor 13 Tahun 2024 tentang Posyandu; Keputusan Bupati Kotawaringin Timur tentang Pokjanal Posyandu.",
     "Memperoleh dukungan camat dan kepala desa bagi Posyandu ILP: anggaran Dana Desa, SK kader dan sarana.",
     ("dr. Bambang Setiadi", "Kepala Bidang Kesehatan Masyarakat, Dinas Kesehatan", "Posyandu ILP dan SPM Kesehatan"),
     ["bupati.kotim", "pokjanal.kotim", "camat.kotabesi", "camat.baamang", "kades.palangan", "kades.hanjalipan"],
     [("Dukungan Dana Desa untuk Posyandu",
       "Kepala desa menyampaikan kebutuhan PMT lokal dan insentif kader; camat meminta data kader ber-SK.",
       "Setiap desa mencantumkan kegiatan Posyandu dalam APBDes 2027.")]),
    ("62.02.01", MeetingKind.BIMTEK, "Bimbingan Teknis Kader Posyandu ILP Kecamatan Kota Besi", dt.date(2026, 10, 7),
     dt.time(8, 30), dt.time(15, 0), "Aula Puskesmas Kota Besi", "camat.kotabesi", "pokjanal.kotabesi",
     "Rencana Kerja Pokjanal Posyandu Kecamatan Kota Besi Tahun 2026.",
     "Kader mampu mengukur panjang/tinggi badan dengan benar dan mengisi SKDN lima kelompok sasaran.",
     ("Rahmawati, A.Md.Keb", "Bidan Koordinator Puskesmas Kota Besi", "Pengukuran antropometri dan pengisian SKDN"),
     ["camat.kotabesi", "pokjanal.kotabesi", "puskesmas.kotabesi", "kader.palangan", "kader.hanjalipan"],
     [("Praktik pengukuran balita",
       "Kader mempraktikkan penimbangan dan pengukuran panjang badan dengan alat antropometri kit.",
       "Setiap Posyandu mengukur panjang/tinggi badan seluruh balita pada hari buka berikutnya.")]),
]


def _seed_activity(region, kind, title, day, start, end, place, chair, notulis, basis, purpose, speaker, people,
                   agenda) -> None:
    """A final activity report (laporan pelaksanaan kegiatan) with its narasumber, signed three days later."""
    timezone = "Asia/Pontianak"
    meeting, new = _meeting(region, kind, title, day, start, end, place, chair, notulis, timezone, MinutesStatus.FINAL)
    if not new:
        return
    meeting.basis, meeting.purpose = basis, purpose
    meeting.opening = f"Kegiatan dibuka pukul {start:%H.%M} WIB oleh pimpinan."
    meeting.closing = f"Kegiatan ditutup pukul {end:%H.%M} WIB."
    meeting.speakers.append(Speaker(name=speaker[0], jabatan=speaker[1], topic=speaker[2]))
    _people(meeting, people, [])
    _agenda(meeting, agenda)
    _finish(meeting, notulis)


def _seed_kotim_first() -> Meeting:
    meeting, new = _meeting(
        "62.02", MeetingKind.KOORDINASI, "Rapat Koordinasi Pokjanal Posyandu Kabupaten Triwulan III",
        dt.date(2026, 9, 15), dt.time(9, 0), dt.time(12, 0), "Aula Bappelitbangda Kotawaringin Timur, Sampit",
        "bupati.kotim", "pokjanal.kotim", "Asia/Pontianak", MinutesStatus.FINAL)
    if not new:
        return meeting
    meeting.opening = "Rapat dibuka pukul 09.10 WIB oleh Bupati Kotawaringin Timur selaku pimpinan rapat."
    meeting.closing = "Rapat ditutup pukul 11.50 WIB."
    _people(meeting, ["bupati.kotim", "pokjanal.kotim", "camat.kotabesi", "camat.baamang", "admin.kotim"],
            KOTIM_GUESTS, absent={"camat.baamang"})
    data, plan = _agenda(meeting, [
        ("Pemutakhiran data Posyandu aktif",
         "Sekretaris Pokjanal menyampaikan baru 62% Posyandu melapor tepat waktu. Camat Kota Besi menyatakan "
         "data kecamatan belum lengkap karena dua desa belum memiliki kader pencatat.",
         "Setiap kecamatan mengirim rekap Posyandu aktif paling lambat 15 Oktober 2026."),
        ("Pelatihan kader ILP",
         "Dinas Kesehatan melaporkan 40% kader belum mengikuti pelatihan keterampilan dasar ILP.",
         "Dinas Kesehatan menjadwalkan pelatihan kader angkatan II sebelum akhir Oktober 2026."),
    ])
    db.session.flush()
    meeting.action_items.append(ActionItem(
        agenda_item_id=data.id, what="Mengirim rekap Posyandu aktif Kecamatan Kota Besi",
        responsible_region_code="62.02.01", due_on=dt.date(2026, 10, 15), status=ActionStatus.TERBUKA))
    meeting.action_items.append(ActionItem(
        agenda_item_id=plan.id, what="Menyelenggarakan pelatihan kader ILP angkatan II",
        responsible_agency="Dinas Kesehatan", due_on=dt.date(2026, 10, 31), status=ActionStatus.TERBUKA))
    _finish(meeting, "pokjanal.kotim")
    return meeting


def _seed_ttu_bimtek() -> None:
    meeting, new = _meeting(
        "53.03", MeetingKind.BIMTEK, "Bimbingan Teknis Pengelolaan Posyandu ILP bagi Kader dan Pokja",
        dt.date(2025, 12, 5), dt.time(9, 35), None, "Aula Hotel Ariesta Kefamenanu",
        "bupati.ttu", "pokjanal.ttu", "Asia/Makassar", MinutesStatus.FINAL)
    if not new:
        return
    meeting.opening = "Bimbingan teknis dibuka pukul 09.35 WITA oleh Wakil Bupati Timor Tengah Utara."
    meeting.closing = "Kegiatan ditutup pukul 14.20 WITA dengan foto bersama."
    meeting.basis = ("Permendagri Nomor 13 Tahun 2024 tentang Posyandu; Keputusan Bupati Timor Tengah Utara tentang "
                     "Pokjanal Posyandu Kabupaten; DPA DPMD Kabupaten Timor Tengah Utara Tahun 2025.")
    meeting.purpose = ("Meningkatkan kemampuan kader dan Pokja Posyandu mengelola Posyandu Integrasi Layanan Primer "
                       "(ILP): pencatatan dan pelaporan per kelompok sasaran dan kunjungan rumah.")
    meeting.speakers.append(Speaker(name="drg. Maria Ernestina Seran, M.Kes",
                                    jabatan="Kepala Bidang Kesehatan Masyarakat, Dinas Kesehatan Provinsi NTT",
                                    topic="Penguatan Posyandu ILP dan Pencatatan Lima Kelompok Sasaran"))
    meeting.speakers.append(Speaker(name="Adrianus Sasi, S.Kep", jabatan="Pengelola Program Gizi, Dinas Kesehatan",
                                    topic="Format Laporan Bulanan Posyandu dan SKDN"))
    _people(meeting, ["bupati.ttu", "pokjanal.ttu", "camat.kefamenanu", "lurah.benpasi", "kader.benpasi"], TTU_GUESTS)
    recording, visits = _agenda(meeting, [
        ("Pencatatan dan pelaporan Posyandu ILP",
         "Pengelola Program Gizi menjelaskan format laporan bulanan per kelompok sasaran. Kader Benpasi "
         "menanyakan cara mencatat balita yang pindah domisili.",
         "Laporan bulanan dikirim paling lambat tanggal 5 bulan berikutnya melalui aplikasi."),
        ("Kunjungan rumah",
         "Bidan Koordinator menekankan kunjungan rumah bagi balita yang tidak hadir dua bulan berturut-turut.",
         "Setiap Posyandu menyusun daftar sasaran kunjungan rumah."),
    ])
    db.session.flush()
    accompany = ActionItem(
        agenda_item_id=recording.id, what="Mendampingi kader Kelurahan Benpasi mengisi laporan bulanan",
        responsible_region_code="53.03.05.1005", due_on=dt.date(2026, 1, 10), status=ActionStatus.TERBUKA)
    meeting.action_items.append(accompany)
    meeting.action_items.append(ActionItem(
        agenda_item_id=visits.id, what="Menyusun daftar sasaran kunjungan rumah Posyandu se-Kota Kefamenanu",
        responsible_region_code="53.03.05", due_on=dt.date(2026, 12, 31)))
    _finish(meeting, "pokjanal.ttu")
    done_at = to_utc(dt.date(2026, 1, 8), dt.time(15, 0), "Asia/Makassar")  # reported after the signing
    accompany.status, accompany.progress_note, accompany.updated_at = (
        ActionStatus.SELESAI, "Pendampingan dilakukan 8 Januari 2026.", done_at)
    accompany.updates.append(ActionUpdate(status=ActionStatus.SELESAI, note=accompany.progress_note,
                                          by_id=_user("lurah.benpasi").id, at=done_at))


def _seed_kotim_followup(first: Meeting) -> None:
    meeting, new = _meeting(
        "62.02", MeetingKind.KOORDINASI, "Rapat Koordinasi Pokjanal Posyandu Kabupaten Triwulan IV",
        dt.date(2026, 11, 10), dt.time(9, 0), None, "Aula Bappelitbangda Kotawaringin Timur, Sampit",
        "bupati.kotim", "pokjanal.kotim", "Asia/Pontianak", MinutesStatus.CIRCULATED)
    if not new:
        return
    meeting.opening = "Rapat dibuka pukul 09.05 WIB. Sekretaris membacakan tindak lanjut rapat triwulan III."
    _people(meeting, ["bupati.kotim", "pokjanal.kotim", "camat.kotabesi", "camat.baamang"], KOTIM_GUESTS[:4])
    _members(meeting, {"Sutrisno, S.Pd": Attendance.HADIR, "Ir. Hendra Wijaya": Attendance.IZIN})
    (bpb,) = _agenda(meeting, [("Persiapan Bulan Penimbangan Balita",
                                "Dinas Kesehatan menyampaikan jadwal BPB Februari 2027.",
                                "Kecamatan menyiapkan jadwal hari buka Posyandu untuk BPB.")])
    db.session.flush()
    _member_and_mitra_items(meeting, bpb)
    rekap, training = first.action_items
    rekap.status, rekap.progress_note = ActionStatus.SELESAI, "Rekap dikirim 14 Oktober 2026 (surat 400/112/KB)."
    training.status, training.progress_note = ActionStatus.PROSES, "Anggaran pelatihan menunggu pergeseran APBD."
    reporter = _user("pokjanal.kotim").id
    for item in (rekap, training):
        item.updates.append(ActionUpdate(meeting_id=meeting.id, status=item.status, note=item.progress_note,
                                         by_id=reporter, at=meeting.starts_at + dt.timedelta(minutes=20)))
        item.updated_at = meeting.starts_at + dt.timedelta(minutes=20)
    _finish(meeting, "pokjanal.kotim")
