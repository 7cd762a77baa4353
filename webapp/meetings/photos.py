"""Dokumentasi photos: whatever a phone sends becomes a small upright JPEG without EXIF (no GPS position,
no camera serial) that fits a printed page: ≤ 1600 px and ≤ 200 KB."""
from __future__ import annotations

import io

from webapp.refusal import Refused

MAX_BYTES = 200 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel upload is the largest phone camera; more is a decompression bomb
SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
NOT_A_PHOTO = "Foto harus berupa gambar JPEG atau PNG."


def _open(data: bytes):
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not data.startswith(SIGNATURES):
        raise Refused(NOT_A_PHOTO, "photo")
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise Refused("Foto terlalu besar (lebih dari 40 megapiksel).", "photo")
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise Refused(NOT_A_PHOTO, "photo") from None
    image = ImageOps.exif_transpose(image)  # upright as taken, before the EXIF goes
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        return flat
    return image.convert("RGB")


def shrink(data: bytes) -> bytes:
    """JPEG or PNG in, a JPEG of at most 200 KB out, with no metadata."""
    image = _open(data)
    image.thumbnail((1600, 1600))
    while True:
        for quality in (85, 75, 65, 55):
            out = io.BytesIO()
            image.save(out, "JPEG", quality=quality, optimize=True)  # no exif= argument: nothing is carried over
            if out.tell() <= MAX_BYTES:
                return out.getvalue()
        image.thumbnail((int(image.width * 0.75), int(image.height * 0.75)))
