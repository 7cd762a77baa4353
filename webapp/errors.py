"""Error pages in Bahasa Indonesia; an htmx request gets a short fragment instead of a page."""
from flask_wtf.csrf import CSRFError

from webapp.pdf import PdfTooSlow
from webapp.rendering import render

MESSAGES = {
    400: ("Permintaan tidak valid", "Data yang dikirim tidak bisa diproses."),
    401: ("Perlu masuk", "Silakan masuk terlebih dahulu."),
    403: ("Tidak berwenang", "Anda tidak punya hak untuk tindakan ini."),
    404: ("Tidak ditemukan", "Halaman atau data ini tidak ada, atau di luar wilayah Anda."),
    405: ("Metode tidak diizinkan", "Tindakan ini tidak bisa dilakukan dengan cara itu."),
    409: ("Bentrok", "Data ini baru saja diubah orang lain. Muat ulang lalu coba lagi."),
    413: ("Berkas terlalu besar", "Ukuran kiriman melebihi batas."),
    500: ("Terjadi kesalahan", "Maaf, terjadi kesalahan di server. Coba lagi beberapa saat."),
}


def register(app) -> None:
    def handle(error):
        code = getattr(error, "code", 500) or 500
        title, message = MESSAGES.get(code, MESSAGES[500])
        if isinstance(error, CSRFError):
            title, message = "Sesi formulir habis", "Formulir sudah kedaluwarsa. Muat ulang halaman lalu kirim lagi."
        return render("errors/error.html", block="error", status=code, title=title, message=message, code=code)

    def too_slow(error):
        message = PdfTooSlow.message.format(seconds=f"{error.args[0]:g}")
        return render("errors/error.html", block="error", status=422, title="Dokumen terlalu besar",
                      message=message, code=422)

    for code in MESSAGES:
        app.register_error_handler(code, handle)
    app.register_error_handler(CSRFError, handle)
    app.register_error_handler(PdfTooSlow, too_slow)
