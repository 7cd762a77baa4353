"""What the report page and its section fragments show: forms, messages next to fields, notes, history."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import url_for
from markupsafe import Markup, escape

from webapp.access import Actor, can
from webapp.formatting import bulan_tahun
from webapp.regions.models import Posyandu
from webapp.regions.queries import setting_for
from webapp.reports import checks, forms, queries, sentinel, steps
from webapp.reports.fields import FIELD_BY_NAME, GROUPS, NOTE_FIELDS, SECTION_OF, SECTIONS, Field, Section
from webapp.reports.models import EVENT_LABELS, STATUS_LABELS, MonthlyReport, Status
from webapp.reports.periods import due_on
from webapp.clock import month_key
from webapp.reports.services import today_for
from webapp.share import whatsapp_link


# Written with str's % and escape(), not Markup.format (~20× dearer): a form has some 60 of each. Names are
# our own identifiers; labels and messages are escaped.
BOX = '<div id="msg-%s" class="msgs"%s>%s</div>'
OOB = ' hx-swap-oob="true"'
COUNT_FIELD = '<div class="field%s">\n  <label for="%s">%s</label>\n  %s\n  %s\n  %s\n</div>'
CARRIED = Markup('<small class="hint carried">dari bulan lalu</small>')
# A count shown as the one it usually equals this month; hidden until the page's script copies that value.
USUALLY = Markup('<small class="hint carried"{}>sama dengan “{}”, periksa</small>')
ERROR, WARNING = Markup('<p class="error">{}</p>'), Markup('<p class="warning">{}</p>')
NOTE = Markup('<p class="note"><strong>Catatan {}:</strong> {}</p>')


def messages_html(found: dict) -> Markup:
    """A field's errors, warnings and the notes of the latest return, escaped."""
    return Markup("").join([ERROR.format(e) for e in found["errors"]] + [WARNING.format(w) for w in found["warnings"]]
                           + [NOTE.format(n.actor.full_name if n.actor else "Pokja", n.note) for n in found["notes"]])


@dataclass
class SectionView:
    """One section of the form with the messages shown next to its fields."""

    section: Section
    form: forms.SectionForm
    base: str
    client_id: str
    errors: dict = field(default_factory=dict)
    warnings: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    status: str = ""  # "Tersimpan", a refusal, or a conflict
    status_kind: str = ""  # "ok", "error"
    changes: list = field(default_factory=list)
    carried: frozenset = frozenset()  # fields showing last verified month's value, not yet saved here
    usually: dict = field(default_factory=dict)  # field → shown now (True) or copied by the script (False)
    saved: bool = False  # saved at least once (skipped included)
    month: int = 0
    _messages: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        # A section that keeps an error never says a green "Tersimpan": its status names what to fix.
        wrong = self.wrong_labels()
        if self.status_kind == "ok" and wrong:
            self.status_kind = "error"
            self.status = "Tersimpan, tetapi ada isian yang perlu diperbaiki sebelum laporan dikirim: " + ", ".join(wrong) + "."

    @property
    def state(self) -> tuple[str, str]:
        """(kind, words) for the summary: an error first, never "Tersimpan" beside one; blank when skipped."""
        if self.wrong_labels():
            return "error", "Perlu diperbaiki"
        if not self.saved:
            return "none", "Belum diisi"
        if self.section.skippable and not any(self.form[n].data for n in self.section.names if n not in self.carried):
            return "skipped", "Tidak ada layanan bulan ini (kosong)"
        return "ok", "Tersimpan"

    @property
    def shown_fields(self) -> tuple[Field, ...]:
        """The section's counts this month's form asks (vitamin A only in its months, or when it has a value)."""
        return tuple(f for f in self.section.fields if f.asked(self.month) or self.form[f.name].data)

    def wrong_labels(self) -> list[str]:
        """Labels of the fields of this section that carry an error (typed or from the checks)."""
        labels = [f.label for f in self.section.fields if self.messages(f.name)["errors"]]
        if self.section.has_open_days and self.messages("open_dates")["errors"]:
            labels.insert(0, "Tanggal buka")
        return labels

    def first_wrong(self) -> tuple[str, str] | None:
        """(input id, label) of the first field with an error: a refused "Lanjut" takes her there."""
        if self.section.has_open_days and self.messages("open_dates")["errors"]:
            return "open_date_1", "Tanggal buka"
        return next(((f.name, f.label) for f in self.shown_fields if self.messages(f.name)["errors"]), None)

    def messages_html(self, name: str) -> Markup:
        """The errors, warnings and notes next to a field."""
        return messages_html(self.messages(name))

    def messages_box(self, name: str, oob: bool = False) -> Markup:
        """The box the messages of a field live in (swapped out of band after a section save)."""
        return Markup(BOX % (name, OOB if oob else "", self.messages_html(name)))

    def count_field(self, name: str, label: str | None = None) -> Markup:
        """One count with its label, input, "carried" hint and messages: 68 a page, so written in Python
        rather than through a macro (three quarters of the form's rendering time)."""
        invalid, hint, source = bool(self.messages(name)["errors"]), CARRIED if name in self.carried else "", ""
        if name in self.usually:
            source = FIELD_BY_NAME[name].usually
            hint = USUALLY.format("" if self.usually[name] else Markup(" hidden"), FIELD_BY_NAME[source].label)
        return Markup(COUNT_FIELD % (" invalid" if invalid else "", name, escape(label or self.form[name].label.text),
                                     self.form.count_input(name, invalid, "" if self.usually.get(name, True) else source),
                                     hint, self.messages_box(name)))

    def messages(self, name: str) -> dict:
        """Asked for each field by the field, its box and the section's status: worked out once."""
        if name not in self._messages:
            self._messages[name] = self._found(name)
        return self._messages[name]

    def _found(self, name: str) -> dict:
        typed = list(self.form[name].errors) if name in self.form else []
        if name == "open_dates":
            typed += [e for n in forms.OPEN_DATE_INPUTS if n in self.form for e in self.form[n].errors]
        return {"errors": typed + self.errors.get(name, []), "warnings": self.warnings.get(name, []),
                "notes": self.notes.get(name, [])}


def section_view(report: MonthlyReport | None, posyandu: Posyandu, year: int, month: int, key: str,
                 form: forms.SectionForm | None = None, checks_found: tuple[dict, dict] | None = None,
                 notes: dict | None = None, carried: dict | None = None, **extra) -> SectionView:
    errors, warnings = checks_found or queries.check_results(report, posyandu.id, year, month, today_for(posyandu))
    section = next(s for s in SECTIONS if s.key == key)
    shown_carried, usually = frozenset(), {}
    if form is None:
        form = forms.section_form(key, report)
        shown_carried = frozenset(n for n in forms.carried_inputs(section) if n in (carried or {}))
        for name in shown_carried:
            form[name].data = str(carried[name])
        if carried is not None and not extra.get("saved"):
            usually = _usually(section, form, report)
    return SectionView(section=section, form=form, carried=shown_carried, usually=usually, month=month,
                       base=extra.pop("base", None) or queries.section_base(report, key),
                       client_id=forms.new_client_id(), errors=errors, warnings=warnings,
                       notes=notes if notes is not None else queries.notes(report), **extra)


def _usually(section: Section, form: forms.SectionForm, report: MonthlyReport | None) -> dict[str, bool]:
    """A new section's blank counts that usually equal one typed earlier this month: filled from the stored
    value (True), or left for the page's script to copy from the field still on screen (False)."""
    found = {}
    for f in section.fields:
        if not f.usually or form[f.name].data:
            continue
        value = form[f.usually].data if f.usually in form else getattr(report, f.usually, None)
        if value not in (None, ""):
            form[f.name].data = str(value)
        found[f.name] = value not in (None, "")
    return found


def return_share(actor: Actor, report: MonthlyReport | None, notes: dict) -> str | None:
    """For a returned report, a WhatsApp message to the kader with the notes and the report's address."""
    if report is None or report.status != Status.RETURNED or not actor.has("report.view"):
        return None
    said = "; ".join(e.note for events in notes.values() for e in events)
    url = url_for("reports.report", posyandu_id=report.posyandu_id, month=month_key(report.year, report.month),
                  _external=True)
    return whatsapp_link(f"Laporan {report.posyandu.name} {bulan_tahun(report.year, report.month)} dikembalikan "
                         f"untuk diperbaiki. Catatan: {said or '-'}. Perbaiki di: {url}")


def _shown_step(report: MonthlyReport | None, saved: frozenset[str], replace: SectionView | None, refused: bool,
                notes: dict) -> str:
    """The step a page opens on: the section just refused; the summary after a refused submit; for a returned
    report the section of the first field with a note (else the summary); else the first section never saved."""
    if replace is not None:
        return replace.section.key
    if report is not None and report.status == Status.RETURNED and not refused:
        noted = [SECTION_OF.get(name, "buka") for name in NOTE_FIELDS if name in notes]
        return noted[0] if noted else steps.SUMMARY
    return steps.SUMMARY if refused else steps.opening(saved)


def page(actor: Actor, posyandu: Posyandu, year: int, month: int, replace: SectionView | None = None,
         submit_form: forms.SubmitForm | None = None, failed=None, review_form=None, reopen_form=None,
         notice: str = "", step: str | None = None) -> dict:
    """The report page: the form while the kader may edit it (one step shown, the opening one unless `step`
    names one), else the values, the decision forms and history."""
    report = queries.find_report(posyandu, year, month)
    saved = queries.saved_sections(report)
    setting = setting_for(posyandu.region_code)
    checks_found = queries.check_results(report, posyandu.id, year, month, today_for(posyandu))
    if failed is not None:
        checks_found = (failed.errors or checks_found[0], {**checks_found[1], **failed.warnings})
    notes = queries.notes(report)
    carried = queries.carried_over(report, posyandu.id, year, month)
    sections = [replace if replace and replace.section.key == s.key
                else section_view(report, posyandu, year, month, s.key, checks_found=checks_found, notes=notes,
                                  carried=carried, saved=s.key in saved)
                for s in SECTIONS]
    blocks = checks.merge(checks_found[0], checks.completeness_errors(queries.values_of(report)))
    return {
        "posyandu": posyandu, "year": year, "month": month, "month_key": month_key(year, month),
        "report": report, "report_status": Status(report.status) if report else None, "status_labels": STATUS_LABELS,
        "event_labels": EVENT_LABELS,
        "editable": can(actor, "report.file", report) if report else can(actor, "report.file", posyandu),
        "may_verify": report is not None and can(actor, "report.verify", report),
        "flags": sentinel.flags_for(report) if report is not None and can(actor, "report.verify", report) else [],
        "may_reopen": report is not None and can(actor, "report.reopen", report),
        "sections": sections, "groups": GROUPS, "general_notes": notes.get("", []), "note_fields": NOTE_FIELDS,
        "submit_form": submit_form or forms.SubmitForm(formdata=None), "submit_client_id": forms.new_client_id(),
        "failed": failed, "notice": notice, "has_warnings": bool(checks_found[1]),
        "step": step or _shown_step(report, saved, replace, bool(failed or notice), notes),
        "steps": steps.steps(posyandu.id, year, month),
        "blocks": steps.findings(blocks, posyandu.id, year, month),
        "warnings": steps.findings(checks_found[1], posyandu.id, year, month),
        "review_form": review_form or forms.ReviewForm(formdata=None),
        "reopen_form": reopen_form or forms.ReopenForm(formdata=None),
        "return_share": return_share(actor, report, notes),
        "timezone": setting.timezone, "due_on": due_on(year, month, setting.report_due_day),
    }
