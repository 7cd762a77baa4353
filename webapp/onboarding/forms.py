"""The upload form of the import page."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField


class UploadForm(FlaskForm):
    file = FileField("Berkas Posyandu (.xlsx atau .csv)", render_kw={"accept": ".xlsx,.csv"})


class CommitForm(FlaskForm):
    """Only the batch id in the URL and the CSRF token: the rows come from what was previewed."""
