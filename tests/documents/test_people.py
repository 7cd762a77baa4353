"""One function prints whoever signs for a body: the SK's ketua as "Ketua <body>", anyone else "a.n." the
ketua under their own jabatan; a linked member is its account's person (one NIP, one L/P)."""
from types import SimpleNamespace

from webapp.documents.people import person, signer

BODY = "Pokjanal Posyandu Kecamatan Kota Besi"


def _user(uid, name, jabatan, nip="", is_asn=False, sex="L"):
    return SimpleNamespace(id=uid, full_name=name, jabatan=jabatan, nip=nip, is_asn=is_asn, sex=sex)


def _member(name, user=None, nip="", sex="P"):
    return SimpleNamespace(name=user.full_name if user else name, jabatan_label="Ketua", unsur="TP PKK",
                           nip=nip, sex=sex, user_id=user.id if user else None)


def test_the_ketua_signs_as_ketua_and_anyone_else_a_n_under_their_own_jabatan():
    camat = _user(1, "Ahmad Yani, S.Sos", "Camat Kota Besi", "19760309 199903 1 005", True)
    siti = _user(2, "Siti Aminah", "Ketua TP PKK", sex="P")
    ketua = _member("Siti Aminah", siti)
    assert signer(BODY, ketua, siti) == {"name": "Siti Aminah", "jabatan": f"Ketua {BODY}", "nip": "", "sex": "P",
                                         "behalf": ""}
    assert signer(BODY, ketua, camat) == {"name": "Ahmad Yani, S.Sos", "jabatan": "Camat Kota Besi",
                                          "nip": "19760309 199903 1 005", "sex": "L", "behalf": f"a.n. Ketua {BODY}"}
    assert signer(BODY, ketua, None)["name"] == "Siti Aminah"  # a draft names who is expected to sign
    assert signer(BODY, None, camat)["behalf"] == ""  # no ketua recorded: no "a.n." claimed
    assert person(None, _user(3, "Kades", "Kepala Desa", "123", is_asn=False))["nip"] == ""  # elected: no NIP
