"""Dokumentasi photos: whatever a phone sends becomes a small upright JPEG without EXIF (no GPS position,
no camera serial) that fits a printed page: ≤ 1600 px and ≤ 200 KB."""
from __future__ import annotations

import io
import warnings

from webapp.refusal import Refused

MAX_BYTES = 200 * 1024
MAX_UPLOAD = 2 * 1024 * 1024  # what the form promises; refused before Pillow reads a byte
MAX_PIXELS = 40_000_000  # a 40-megapixel upload is the largest phone camera; more is a decompression bomb
MAX_SIDE = 12_000
SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
NOT_A_PHOTO = "Foto harus berupa gambar JPEG atau PNG."
TOO_LARGE = "Foto terlalu besar (lebih dari 40 megapiksel). Kirim foto dengan resolusi lebih kecil."


def _open(data: bytes):
    """Size in bytes, then the pixel size from the header (Pillow's decompression-bomb warning is a refusal
    too), and only then decode: a small file that would unpack into gigabytes is refused before it does."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > MAX_UPLOAD:
        raise Refused("Foto maksimal 2 MB. Kirim foto dengan ukuran lebih kecil.", "photo")
    if not data.startswith(SIGNATURES):
        raise Refused(NOT_A_PHOTO, "photo")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))  # reads the header only
        if image.width * image.height > MAX_PIXELS or max(image.size) > MAX_SIDE:
            raise Refused(TOO_LARGE, "photo")
        image.draft("RGB", (1600, 1600))  # a JPEG decodes straight at a fraction of its size
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused(TOO_LARGE, "photo") from None
    except (UnidentifiedImageError, OSError):
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
