"""The equipment form: one row (present, condition, last checked) per kit item, built from the kit list."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField
from wtforms.validators import Optional

from webapp.kit import CONDITIONS, KIT


class EquipmentForm(FlaskForm):
    def entries(self) -> dict[str, dict]:
        return {item.key: {"available": bool(self[f"{item.key}_available"].data),
                           "condition": self[f"{item.key}_condition"].data or "",
                           "checked_on": self[f"{item.key}_checked_on"].data} for item in KIT}

    def rows(self):
        """(item, available, condition, checked_on) fields, for the template."""
        return [(item, self[f"{item.key}_available"], self[f"{item.key}_condition"], self[f"{item.key}_checked_on"])
                for item in KIT]


for _item in KIT:
    setattr(EquipmentForm, f"{_item.key}_available", BooleanField("Ada"))
    setattr(EquipmentForm, f"{_item.key}_condition", SelectField(
        "Kondisi", choices=[("", "—"), *CONDITIONS.items()], validate_choice=False))
    setattr(EquipmentForm, f"{_item.key}_checked_on", DateField("Diperiksa", validators=[Optional()],
                                                                render_kw={"type": "date"}))


def equipment_form(rows: dict) -> EquipmentForm:
    """The form filled with what is recorded (what was typed wins on a POST)."""
    data = {}
    for key, row in rows.items():
        data.update({f"{key}_available": row.available, f"{key}_condition": row.condition,
                     f"{key}_checked_on": row.checked_on})
    return EquipmentForm(data=data)
