"""Indonesian mobile numbers: 08…, +628… and 628… are the same number, stored as 628…."""
import re

_DIGITS = re.compile(r"[\s\-().]")


def normalize_phone(raw: str) -> str | None:
    """Return the number as 628…, or None when it is not an Indonesian mobile number."""
    digits = _DIGITS.sub("", raw or "")
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    if re.fullmatch(r"628\d{7,11}", digits):
        return digits
    return None


def looks_like_phone(raw: str) -> bool:
    return bool(re.fullmatch(r"\+?[\d\s\-().]{8,}", (raw or "").strip()))
