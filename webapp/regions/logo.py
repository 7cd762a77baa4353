"""Letterhead logos: decoded with Pillow at upload, refused past 2,000 px a side, and stored
re-encoded small, so no stored logo can make a PDF slow (a 20 KB file of 13,000 × 13,000 px did)."""
from __future__ import annotations

import io

from webapp.refusal import Refused

MAX_BYTES = 500 * 1024
MAX_SIDE = 2000
STORED_SIDE = 600  # prints about 2.5 cm wide at 600 dpi: more than a letterhead needs
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
NOT_AN_IMAGE = "Logo harus berupa gambar PNG atau JPEG."


def normalized_logo(data: bytes) -> tuple[bytes, str]:
    """The logo to store and its type; Refused (field "logo") when it is not a small PNG or JPEG."""
    if len(data) > MAX_BYTES:
        raise Refused("Logo maksimal 500 KB.", "logo")
    return _small_copy(data)


def stored_logo_as_uploaded_today(data: bytes) -> tuple[bytes | None, str | None] | None:
    """For a logo stored before uploads were checked: None when it is already no larger than an
    upload is stored now; else its re-encoded copy, or (None, None) when an upload of it would be
    refused today (not an image, or past 2,000 px: the admin uploads it again)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format in FORMATS and max(image.size) <= STORED_SIDE:
                return None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None, None
    try:
        return _small_copy(data)
    except Refused:
        return None, None


def _small_copy(data: bytes) -> tuple[bytes, str]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only: the size is known before decoding
            if image.format not in FORMATS:
                raise Refused(NOT_AN_IMAGE, "logo")
            if max(image.size) > MAX_SIDE:
                raise Refused(f"Logo maksimal {MAX_SIDE} × {MAX_SIDE} piksel (gambar ini "
                              f"{image.size[0]} × {image.size[1]}). Perkecil dulu lalu unggah lagi.", "logo")
            image.load()
            kind = image.format
            small = image.copy()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        if isinstance(error, Refused):
            raise
        raise Refused(NOT_AN_IMAGE, "logo") from None
    small.thumbnail((STORED_SIDE, STORED_SIDE))
    out = io.BytesIO()
    if kind == "JPEG":
        small.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    else:
        small.save(out, "PNG", optimize=True)
    return out.getvalue(), FORMATS[kind]
