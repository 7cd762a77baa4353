"""Roster, skills passport and trainings through the services: the rules, the level, the counted SK figure."""
import datetime as dt

import pytest
from sqlalchemy import func, select
from werkzeug.exceptions import Forbidden

from tests.kader.helpers import HANJALIPAN, PALANGAN, actor, add_kader, kader_data
from webapp.demo import first_posyandu
from webapp.extensions import db
from webapp.kader import services
from webapp.kader.models import Kader, KaderSkill
from webapp.kader.skills import GROUPS, MADYA, NONE, PURWA, UTAMA, level_of, missing_for_next
from webapp.refusal import Refused

ALL = [code for g in GROUPS for code, _ in g.skills]


def _groups(*keys) -> set[str]:
    return {code for g in GROUPS if g.key in keys for code, _ in g.skills}


def test_level_follows_the_rule():
    assert len(ALL) == 25 and len(set(ALL)) == 25
    assert level_of(set()) == NONE
    assert level_of(_groups("pengelolaan", "bayi_balita")) == NONE  # the two core groups alone are not Purwa
    assert level_of(_groups("pengelolaan", "ibu", "remaja", "dewasa_lansia")) == NONE  # bayi-balita missing
    assert level_of(_groups("pengelolaan", "bayi_balita", "ibu")) == PURWA
    assert level_of(_groups("pengelolaan", "bayi_balita", "ibu") | {"R1", "R2", "R3", "R4"}) == PURWA
    assert level_of(_groups("pengelolaan", "bayi_balita", "ibu", "remaja")) == MADYA
    assert level_of(set(ALL)) == UTAMA
    assert "Menuju Madya" in missing_for_next(_groups("pengelolaan", "bayi_balita", "ibu"))


def test_adding_kader_counts_the_posyandu_kader_with_sk(demo_app):
    posyandu = first_posyandu(PALANGAN)
    posyandu.kader_with_sk = 9  # typed before the roster existed
    db.session.commit()
    add_kader(name="A")
    add_kader(name="B", sk_number="", sk_on=None)  # no SK: not counted
    db.session.refresh(posyandu)
    assert posyandu.kader_with_sk == 1 and posyandu.kader_from_roster


def test_a_typed_count_no_longer_overrides_the_roster(demo_app):
    from webapp.regions import services as registry

    add_kader()
    posyandu = first_posyandu(PALANGAN)
    data = {name: getattr(posyandu, name) for name in registry.POSYANDU_FIELDS} | {"region_code": posyandu.region_code,
                                                                                  "kader_with_sk": 40}
    registry.save_posyandu(actor("pokja.palangan"), posyandu, data, posyandu.version)
    assert first_posyandu(PALANGAN).kader_with_sk == 1


@pytest.mark.parametrize("overrides, field", [
    ({"name": ""}, "name"),
    ({"sex": "X"}, "sex"),
    ({"sk_on": dt.date.today() + dt.timedelta(days=3)}, "sk_on"),
    ({"sk_on": None}, "sk_on"),
    ({"is_active": False, "inactive_reason": ""}, "inactive_reason"),
    ({"position": "raja"}, "position"),
])
def test_bad_roster_input_is_refused_next_to_its_field_and_nothing_is_saved(demo_app, overrides, field):
    with pytest.raises(Refused) as refused:
        add_kader(**overrides)
    assert refused.value.field == field and refused.value.status == 422
    db.session.rollback()
    assert db.session.scalar(select(func.count(Kader.id))) == 0


def test_a_second_active_ketua_is_refused(demo_app):
    add_kader(name="Ketua Satu", position="ketua")
    with pytest.raises(Refused, match="sudah punya ketua aktif: Ketua Satu"):
        add_kader(name="Ketua Dua", position="ketua")


def test_a_kader_of_another_desa_cannot_be_edited_through_this_posyandu(demo_app):
    other = add_kader(username="kades.hanjalipan", desa=HANJALIPAN, name="Dari Hanjalipan")
    with pytest.raises(Refused, match="Posyandu lain"):
        services.save_kader(actor("pokja.palangan"), first_posyandu(PALANGAN), other, kader_data())


def test_pokja_desa_cannot_add_kader_in_another_desa(demo_app):
    with pytest.raises(Forbidden):
        services.save_kader(actor("pokja.palangan"), first_posyandu(HANJALIPAN), None, kader_data())


def test_linking_an_account_of_another_posyandu_is_refused(demo_app):
    hanjalipan_kader = actor("kader.hanjalipan").id
    with pytest.raises(Refused) as refused:
        add_kader(user_id=hanjalipan_kader)
    assert refused.value.field == "user_id"


def test_trainer_marks_skills_and_the_level_follows(demo_app):
    kader = add_kader()
    trainer = actor("puskesmas.kotabesi")
    added = services.mark_skills(trainer, kader, sorted(_groups("pengelolaan", "bayi_balita", "ibu", "remaja")),
                                 dt.date(2025, 9, 1))
    assert len(added) == 20 and kader.level == MADYA
    services.mark_skills(trainer, kader, sorted(_groups("pengelolaan", "bayi_balita", "ibu")), dt.date(2025, 9, 2))
    assert kader.level == PURWA and db.session.scalar(select(func.count(KaderSkill.id))) == 15


@pytest.mark.parametrize("username", ["pokja.palangan", "kades.palangan", "kader.palangan", "camat.baamang"])
def test_only_trainers_of_the_area_mark_skills(demo_app, username):
    kader = add_kader()
    with pytest.raises(Forbidden):
        services.mark_skills(actor(username), kader, ["P1"], dt.date(2025, 9, 1))
    assert db.session.scalar(select(func.count(KaderSkill.id))) == 0


def test_a_trainer_cannot_mark_their_own_passport(demo_app):
    trainer = actor("pokjanal.kotabesi")
    kader = add_kader()
    kader.user_id = trainer.id  # as if the trainer were also on the roster
    db.session.commit()
    with pytest.raises(Refused, match="paspor Anda sendiri"):
        services.mark_skills(trainer, kader, ["P1"], dt.date(2025, 9, 1))


def test_skill_marks_in_the_future_or_unknown_are_refused(demo_app):
    kader = add_kader()
    trainer = actor("puskesmas.kotabesi")
    with pytest.raises(Refused, match="masa depan"):
        services.mark_skills(trainer, kader, ["P1"], dt.date.today() + dt.timedelta(days=2))
    with pytest.raises(Refused, match="tidak dikenal"):
        services.mark_skills(trainer, kader, ["P1", "Z9"], dt.date(2025, 9, 1))
    db.session.rollback()
    assert db.session.scalar(select(func.count(KaderSkill.id))) == 0


def test_trainings_typed_by_hand_and_refused_in_the_future(demo_app):
    kader = add_kader()
    who = actor("pokja.palangan")
    data = {"name": "Pelatihan KPSP", "organiser": "Puskesmas Kota Besi", "held_on": dt.date(2025, 8, 1),
            "certificate_number": "001/PKM/2025"}
    services.add_training(who, kader, data)
    with pytest.raises(Refused, match="masa depan"):
        services.add_training(who, kader, data | {"held_on": dt.date.today() + dt.timedelta(days=5)})
    assert [t.name for t in kader.trainings] == ["Pelatihan KPSP"]


def test_bimtek_attended_appears_as_training(demo_app):
    from tests.meetings.helpers import make_meeting
    from webapp.kader.queries import bimtek_attended, trained_kader_ids
    from webapp.meetings import services as meetings

    kader_user = actor("kader.palangan")
    kader = add_kader(user_id=kader_user.id)
    meeting = make_meeting(title="Bimtek 25 keterampilan dasar kader")
    meeting.kind = "bimtek"
    db.session.commit()
    assert bimtek_attended(kader) == [] and trained_kader_ids([kader.id]) == set()
    meetings.check_in(kader_user, meeting.checkin_code)
    assert bimtek_attended(kader) == [meeting] and trained_kader_ids([kader.id]) == {kader.id}
