"""How much of a household 転入 fills itself, run on demand (not part of the test suite).

The family of four moves in: the resident and three others (spouse, children aged 8 and 3),
no employer insurance. Every person is read from a My Number Card (name, address, birth
date, sex; the card holds no reading, so readings are suggestions to confirm), staff choose
each 続柄, and the resident answers only what no card can know. For every form the visit
needs, the bench counts the required fields (row fields of every person included) and how
many hold a value without typing on that form (a value typed once, such as the new address,
counts on every form it flows to; the typed values are listed once), and how many are final
without even a confirming tap. Printed as JSON.

    .venv/bin/python bench/household_bench.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OLD_ADDRESS = "宮城県仙台市青葉区国分町三丁目7番1号"
# What only the family can say (typed by staff or chosen): nothing a card or an earlier answer knows.
TYPED = {
    "moving_date": "2026-11-20",
    "new_postal_code": "987-0511",
    "new_address": "宮城県登米市迫町佐沼字中江二丁目6番地1",
    "phone": "0220-22-2111",
    "employer_insurance": False,
    "applicant_relation": "self",
    "jidou_teate.use_public_account": True,  # 公金受取口座: no account number to type
}
CHOSEN = {"moving_kind": "tennyu"}  # a tap, preset by the event where the GUI offers it


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TOME_WINDOW_DATA_DIR"] = tmp
        sys.path.insert(0, str(REPO))
        from tome_window.domain.household import Person
        from tome_window.domain.resident import Resident
        from tome_window.services.visits import VisitService

        service = VisitService.open()
        today = dt.date.today()
        visit = service.new_visit(event_id="tennyu", today=today)
        service.set_resident(visit, Resident(name="登米　太郎", address=OLD_ADDRESS,
                                             birth_date=dt.date(1985, 4, 12), sex="1",
                                             my_number="123456789018", source="card"))

        def born(years: int) -> dt.date:
            return today.replace(year=today.year - years) - dt.timedelta(days=40)

        family = [Person(name="登米　花子", birth_date=born(38), sex="2", relationship="妻", source="card"),
                  Person(name="登米　一郎", birth_date=born(8), sex="1", relationship="子", source="card"),
                  Person(name="登米　二郎", birth_date=born(3), sex="1", relationship="子", source="card")]
        service.set_household(visit, family)
        for key, value in {**CHOSEN, **TYPED}.items():
            service.answer(visit, key, value)
        report: dict[str, dict[str, float | int]] = {}
        for form in service.forms(visit):
            required = [fs for fs in form.all_fields if fs.field.required]
            filled = [fs for fs in required if fs.value not in (None, "")]
            final = [fs for fs in filled if not fs.doubtful]
            report[form.procedure.id] = {
                "required": len(required), "filled_without_typing": len(filled),
                "percent": round(100 * len(filled) / len(required), 1) if required else 100.0,
                "final_without_a_tap": len(final), "persons": len(form.persons),
                "continuation_pages": form.continuation_pages(),
            }
        missing = sorted({fs.ref for form in service.forms(visit) for fs in form.missing})
        print(json.dumps({"forms": report, "typed_values": len(TYPED), "typed": sorted(TYPED),
                          "taps_for_choices": len(CHOSEN) + len(family),  # 続柄 per person
                          "still_missing": missing}, ensure_ascii=False, indent=2))
        service.store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
