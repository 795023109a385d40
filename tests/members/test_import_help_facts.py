"""The importer's optional columns for the organisation-wide "how to get help" facts (HowToGetHelp)."""

import csv
import io
from pathlib import Path

import pytest

from members.importer import COLUMNS, HELP_COLUMNS, OPTIONAL_COLUMNS, import_text
from members.models import Organisation

pytestmark = pytest.mark.django_db

HEADER = [*COLUMNS, *HELP_COLUMNS]


def csv_text(*rows, header=HEADER):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(column, "") for column in header])
    return out.getvalue()


def base(name, **values):
    return {"name": name, "kind": "informeel", "municipality": "Almere", **values}


def test_help_columns_are_optional_and_known():
    assert set(HELP_COLUMNS) <= set(OPTIONAL_COLUMNS)
    report = import_text(csv_text(base("Zonder feiten"), header=list(COLUMNS)))
    assert report.ok and report.ignored_columns == []
    organisation = Organisation.objects.get(name="Zonder feiten")
    assert organisation.is_free is None and organisation.walk_in is None and organisation.eligibility == ""


def test_good_rows_store_the_facts():
    report = import_text(
        csv_text(
            base(
                "Buurthuis De Brug",
                eligibility="Iedereen uit Almere",
                is_free="Ja",
                walk_in="ja",
                by_phone="nee",
                by_appointment="",
                by_referral="NEE",
                application_process="Kom langs of bel.\nWe maken samen een plan.",
                required_documents="Uw post en uw bankafschriften",
                interpreter="ja",
                wheelchair="ja",
                accessibility="Ingang zonder drempel, lift naar de eerste verdieping",
            ),
            base("Kerk Met Kosten", is_free="nee", fees="Een vrijwillige bijdrage van € 5"),
        )
    )
    assert report.ok, report.failed
    brug = Organisation.objects.get(name="Buurthuis De Brug")
    assert (brug.is_free, brug.walk_in, brug.by_phone, brug.by_appointment, brug.by_referral) == (
        True,
        True,
        False,
        None,
        False,
    )
    assert (brug.interpreter, brug.wheelchair) == (True, True)
    assert brug.eligibility == "Iedereen uit Almere"
    assert brug.application_process == "Kom langs of bel.\nWe maken samen een plan."
    assert brug.required_documents == "Uw post en uw bankafschriften"
    assert brug.accessibility.startswith("Ingang zonder drempel")
    kerk = Organisation.objects.get(name="Kerk Met Kosten")
    assert kerk.is_free is False and kerk.fees == "Een vrijwillige bijdrage van € 5"


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"walk_in": "misschien"}, "onbekende waarde 'misschien' in 'walk_in' (vul ja of nee in, of laat leeg)"),
        ({"wheelchair": "soms"}, "onbekende waarde 'soms' in 'wheelchair'"),
        ({"is_free": "nee"}, "fees: Schrijf op wat de hulp kost, of vink aan dat hij gratis is."),
        ({"is_free": "ja", "fees": "€ 10"}, "fees: Gratis hulp heeft geen kosten."),
        ({"eligibility": "x" * 1001}, "ongeldige tekst in 'eligibility' 'xxxxxxxx"),
        ({"accessibility": "Drempel\x07"}, "ongeldige tekst in 'accessibility'"),
    ],
)
def test_bad_values_fail_the_row_with_a_dutch_reason_and_import_nothing_from_it(values, reason):
    report = import_text(csv_text(base("Goede rij"), base("Foute rij", **values)))
    assert [number for number, *_ in report.imported] == [2]
    ((number, message),) = report.failed
    assert number == 3
    assert reason in message
    assert not Organisation.objects.filter(name="Foute rij").exists()


def test_several_bad_facts_are_reported_together():
    report = import_text(csv_text(base("Twee fouten", by_phone="j a", interpreter="?", eligibility="y" * 2000)))
    ((_number, message),) = report.failed
    assert "'by_phone'" in message and "'interpreter'" in message and "'eligibility'" in message
    assert not Organisation.objects.exists()


def test_the_readme_sample_with_facts_imports():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    sample = readme.split("With the facts (any of the optional columns may be left out):")[1]
    sample = sample.split("```csv\n")[1].split("```")[0]
    report = import_text(sample)
    assert report.ok and report.ignored_columns == [], report.failed
    brug = Organisation.objects.get(name="Buurthuis De Brug")
    assert (brug.is_free, brug.walk_in, brug.by_appointment, brug.by_referral) == (True, True, False, None)
