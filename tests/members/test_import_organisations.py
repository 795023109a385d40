"""`manage.py import_organisations FILE.csv`: good rows go in, bad rows are reported, a rerun adds nothing."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.taxonomy import Municipality, TargetGroup, Theme
from members.importer import COLUMNS, import_text, unique_slug
from members.models import Language, Organisation, OrganisationCategory

pytestmark = pytest.mark.django_db


def row(**values):
    return [values.get(column, "") for column in COLUMNS]


FULL = row(
    name="Stichting Thuisadministratie Almere",
    kind="formeel",
    category="Schuldhulpverlening",
    municipality="Almere",
    neighbourhood="Stad",
    address="Stationsplein 1",
    postcode="1315ab",
    city="Almere",
    phone="+31 (0)36-123 45 67",
    email="info@thuisadministratie.example",
    website="https://thuisadministratie.example/almere",
    services="Schulden; Geldzorgen",
    target_groups="Ouderen;Jongeren",
    languages="Nederlands; Engels; nederlands",
    description="Vrijwilligers helpen met de post.\nElke week, bij u thuis.",
)
MINIMAL = row(name="Buurtkamer De Schakel", kind="Informeel", municipality="Rotterdam")


def comma_file(tmp_path):
    """Good and bad rows, comma-separated; the first row has a line break in a cell (lines 2-3)."""
    rows = [
        list(COLUMNS),  # 1
        FULL,  # 2-3
        MINIMAL,  # 4
        row(kind="formeel", municipality="Almere", city="Almere"),  # 5: no name
        row(name="Verkeerde soort", kind="stichting", municipality="Almere"),  # 6
        row(name="Zonder gemeente", kind="formeel"),  # 7
        row(name="Fout e-mailadres", kind="formeel", municipality="Almere", email="info@@voorbeeld"),  # 8
        row(name="Website zonder schema", kind="formeel", municipality="Almere", website="www.voorbeeld.nl"),  # 9
        row(name="Rare postcode", kind="formeel", municipality="Almere", postcode="12345"),  # 10
        row(name="Rare telefoon", kind="formeel", municipality="Almere", phone="bel 06-12345678"),  # 11
        [],  # 12: blank
        row(name=FULL[0].upper(), kind="formeel", municipality="ALMERE"),  # 13: the first row again
        row(name="Buurtkamer De Schakel", kind="informeel", municipality="Almere"),  # 14: same name, other place
        row(  # 15: two problems; its new theme and municipality must not be created
            name="Twee fouten",
            kind="formeel",
            municipality="Nergenshuizen",
            services="Een heel nieuw thema",
            email="geen-adres",
            website="https://niet geldig",
        ),
    ]
    path = tmp_path / "organisaties.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


BAD_NAMES = [
    "Verkeerde soort",
    "Zonder gemeente",
    "Fout e-mailadres",
    "Website zonder schema",
    "Rare postcode",
    "Rare telefoon",
    "Twee fouten",
]


def run(path, *args):
    stdout, stderr = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("import_organisations", str(path), *args, stdout=stdout, stderr=stderr)
    except CommandError as raised:
        error = raised
    return stdout.getvalue(), stderr.getvalue(), error


def counts():
    return tuple(
        model.objects.count()
        for model in (Organisation, Theme, TargetGroup, Language, Municipality, OrganisationCategory)
    )


def test_good_rows_go_in_with_their_vocabularies(tmp_path):
    Theme.objects.create(name="Schulden")
    stdout, stderr, error = run(comma_file(tmp_path))

    organisation = Organisation.objects.get(name="Stichting Thuisadministratie Almere")
    assert organisation.slug == "stichting-thuisadministratie-almere"
    assert organisation.kind == "formeel"
    assert organisation.status == "awaiting"
    assert organisation.category.name == "Schuldhulpverlening"
    assert organisation.municipality.name == "Almere"
    assert organisation.neighbourhood == "Stad"
    assert organisation.address == "Stationsplein 1"
    assert organisation.postcode == "1315 AB"
    assert organisation.city == "Almere"
    assert organisation.phone == "036 123 4567"  # one format for every phone number (phonenumbers)
    assert organisation.email == "info@thuisadministratie.example"
    assert organisation.website == "https://thuisadministratie.example/almere"
    assert organisation.description == "Vrijwilligers helpen met de post.\nElke week, bij u thuis."
    assert sorted(organisation.services.values_list("name", flat=True)) == ["Geldzorgen", "Schulden"]
    assert Theme.objects.filter(name__iexact="schulden").count() == 1
    assert sorted(organisation.target_groups.values_list("name", flat=True)) == ["Jongeren", "Ouderen"]
    # "nederlands" is the same language as "Nederlands".
    assert sorted(organisation.languages.values_list("name", flat=True)) == ["Engels", "Nederlands"]

    minimal = Organisation.objects.get(name="Buurtkamer De Schakel", municipality__name="Rotterdam")
    assert minimal.slug == "buurtkamer-de-schakel"
    assert minimal.kind == "informeel"
    assert minimal.category is None
    assert not minimal.services.exists() and not minimal.languages.exists()
    # Same name in another municipality: another organisation, its slug names the place.
    other = Organisation.objects.get(name="Buurtkamer De Schakel", municipality__name="Almere")
    assert other.slug == "buurtkamer-de-schakel-almere"
    assert Organisation.objects.count() == 3

    assert "regel 2: geïmporteerd: 'Stichting Thuisadministratie Almere' (Almere)" in stdout
    assert "regel 4: geïmporteerd" in stdout
    assert "regel 13: al aanwezig, overgeslagen" in stdout
    assert "regel 14: geïmporteerd" in stdout
    assert "Klaar: 3 geïmporteerd, 1 overgeslagen (al aanwezig), 8 mislukt." in stdout
    assert isinstance(error, CommandError)


def test_bad_rows_are_reported_with_line_number_and_reason_and_leave_nothing(tmp_path):
    stdout, stderr, error = run(comma_file(tmp_path))

    assert isinstance(error, CommandError)
    assert "8 regels mislukt" in str(error)
    expected = {
        5: ["'name' is leeg"],
        6: ["onbekende soort 'stichting' in 'kind' (kies formeel of informeel)"],
        7: ["'municipality' is leeg"],
        8: ["ongeldig e-mailadres 'info@@voorbeeld'"],
        9: ["website 'www.voorbeeld.nl' moet een volledig adres zijn dat begint met https://"],
        10: ["ongeldige postcode '12345'"],
        11: ["ongeldig telefoonnummer 'bel 06-12345678'"],
        15: [
            "onbekende gemeente 'Nergenshuizen'",
            "ongeldig e-mailadres 'geen-adres'",
            "ongeldige website 'https://niet geldig'",
        ],
    }
    reported = stderr.splitlines()
    assert len(reported) == len(expected), stderr
    for number, reasons in expected.items():
        matching = [line for line in reported if line.startswith(f"regel {number}: ")]
        assert len(matching) == 1, (number, stderr)
        for reason in reasons:
            assert reason in matching[0], (number, matching[0])
    assert "regel 12:" not in stdout + stderr

    for name in BAD_NAMES:
        assert not Organisation.objects.filter(name=name).exists(), name
    assert not Theme.objects.filter(name="Een heel nieuw thema").exists()
    assert not Municipality.objects.filter(name="Nergenshuizen").exists()


def test_a_second_run_creates_nothing(tmp_path):
    path = comma_file(tmp_path)
    run(path)
    before = counts()
    changed = Organisation.objects.get(name="Buurtkamer De Schakel", municipality__name="Rotterdam")
    changed.description = "Zelf aangevuld."
    changed.save()

    stdout, stderr, error = run(path)

    assert counts() == before
    assert "Klaar: 0 geïmporteerd, 4 overgeslagen (al aanwezig), 8 mislukt." in stdout
    assert "regel 4: al aanwezig, overgeslagen: 'Buurtkamer De Schakel' (Rotterdam)" in stdout
    # What is there is left alone.
    changed.refresh_from_db()
    assert changed.description == "Zelf aangevuld."
    assert isinstance(error, CommandError)


def test_semicolons_with_a_byte_order_mark_and_quoted_lists(tmp_path):
    rows = [
        list(COLUMNS),
        row(
            name="Moskee Al-Hoeda",
            kind="informeel",
            municipality="Ede",
            category="Moskee",
            services="Urgente nood;Geldzorgen",
            languages="Arabisch; Turks",
            postcode="6711  ab",
            website="http://alhoeda.example",
        ),
        row(name="Kerk zonder lijsten", kind="informeel", municipality="Ede", target_groups="Ouderen"),
    ]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    text = buffer.getvalue()
    assert '"Urgente nood;Geldzorgen"' in text  # the csv module quotes what holds the delimiter
    # A list typed without quotes falls apart into too many columns.
    unquoted = ";".join(
        row(name="Zonder aanhalingstekens", kind="formeel", municipality="Ede", services="Schulden;Armoede")
    )
    path = tmp_path / "puntkomma.csv"
    path.write_bytes("\ufeff".encode() + (text + unquoted + "\r\n").encode("utf-8"))

    stdout, stderr, error = run(path, "--verified")

    mosque = Organisation.objects.get(name="Moskee Al-Hoeda")
    assert mosque.status == "verified"
    assert mosque.municipality.name == "Ede"
    assert mosque.category.name == "Moskee"
    assert mosque.postcode == "6711 AB"
    assert mosque.website == "http://alhoeda.example"
    assert sorted(mosque.services.values_list("name", flat=True)) == ["Geldzorgen", "Urgente nood"]
    assert sorted(mosque.languages.values_list("name", flat=True)) == ["Arabisch", "Turks"]
    church = Organisation.objects.get(name="Kerk zonder lijsten")
    assert church.status == "verified"
    assert list(church.target_groups.values_list("name", flat=True)) == ["Ouderen"]

    assert stderr.splitlines() == [
        "regel 4: 16 kolommen in plaats van 15; staat er een ';' in een waarde zonder aanhalingstekens "
        '(zet een lijst zoals services dan tussen "…")?'
    ]
    assert not Organisation.objects.filter(name="Zonder aanhalingstekens").exists()
    assert "Klaar: 2 geïmporteerd, 0 overgeslagen (al aanwezig), 1 mislukt." in stdout
    assert isinstance(error, CommandError)


def test_a_clean_file_succeeds_and_verified_sets_the_status(tmp_path):
    path = tmp_path / "schoon.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([list(COLUMNS), FULL])

    stdout, stderr, error = run(path, "--verified")

    assert error is None
    assert stderr == ""
    assert "Klaar: 1 geïmporteerd, 0 overgeslagen (al aanwezig), 0 mislukt." in stdout
    assert Organisation.objects.get().status == "verified"


def test_without_verified_the_status_is_awaiting(tmp_path):
    path = tmp_path / "schoon.csv"
    path.write_text(",".join(COLUMNS) + "\n" + ",".join(MINIMAL) + "\n", encoding="utf-8")
    stdout, stderr, error = run(path)
    assert error is None
    assert Organisation.objects.get().status == "awaiting"


def test_columns_in_another_order_with_capitals_and_an_extra_column(tmp_path):
    header = ["Notities", *reversed([column.upper() for column in COLUMNS])]
    values = ["intern", *reversed(MINIMAL)]
    path = tmp_path / "andersom.csv"
    path.write_text(";".join(header) + "\n" + ";".join(values) + "\n", encoding="utf-8")

    stdout, stderr, error = run(path)

    assert error is None, stderr
    assert Organisation.objects.get().name == "Buurtkamer De Schakel"
    assert "Let op: onbekende kolommen genegeerd: notities" in stdout


def test_missing_columns_refuse_the_whole_file(tmp_path):
    header = [column for column in COLUMNS if column not in ("kind", "languages")]
    path = tmp_path / "onvolledig.csv"
    path.write_text(";".join(header) + "\n" + ";".join(["Iets"] * len(header)) + "\n", encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        call_command("import_organisations", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    message = str(raised.value)
    assert message.startswith("Bestand geweigerd, er is niets geïmporteerd: ")
    assert "mist de kolommen: kind, languages" in message
    assert not Organisation.objects.exists()


def test_an_empty_file_and_a_file_that_is_not_utf8_are_refused(tmp_path):
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="het bestand is leeg"):
        call_command("import_organisations", str(empty), stdout=io.StringIO())

    latin = tmp_path / "latin1.csv"
    latin.write_bytes(
        (",".join(COLUMNS) + "\n" + ",".join(row(name="Café", kind="formeel", municipality="Ede")) + "\n").encode(
            "latin-1"
        )
    )
    with pytest.raises(CommandError, match=r"geen UTF-8-tekst \(eerste fout op regel 2\)"):
        call_command("import_organisations", str(latin), stdout=io.StringIO())
    assert not Organisation.objects.exists()


def test_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        call_command("import_organisations", str(tmp_path / "weg.csv"))


def test_taken_slugs_get_the_municipality_and_then_a_number():
    Organisation.objects.create(name="Voedselbank", slug="voedselbank", kind="formeel")
    assert unique_slug("Voedselbank", "Ede") == "voedselbank-ede"
    Organisation.objects.create(name="Voedselbank elders", slug="voedselbank-ede", kind="formeel")
    assert unique_slug("Voedselbank", "Ede") == "voedselbank-ede-2"
    Organisation.objects.create(name="Nog een", slug="voedselbank-ede-2", kind="formeel")
    assert unique_slug("Voedselbank", "Ede") == "voedselbank-ede-3"
    assert unique_slug("???", "Ede") == "ede"
    assert unique_slug("Nieuw", "Ede") == "nieuw-ede"  # /organisaties/nieuw/ is the registration page


def test_kinds_postcodes_and_phones():
    lines = [
        ",".join(COLUMNS),
        ",".join(row(name="A", kind=" FORMEEL ", municipality="Ede", postcode="1234AB", phone="010-1234567")),
        ",".join(row(name="B", kind="formeel", municipality="Ede", postcode="0123 AB")),
        ",".join(row(name="C", kind="formeel", municipality="Ede", postcode="1234 A1")),
        ",".join(row(name="D", kind="formeel", municipality="Ede", phone="+-()")),
        ",".join(row(name="E", kind="formeel", municipality="Ede", phone="06 12345678 #2")),
        ",".join(row(name="F", kind="formeel", municipality="Ede", website="ftp://bestanden.example")),
    ]
    report = import_text("\n".join(lines))
    assert [number for number, _ in report.imported] == [2]
    assert Organisation.objects.get(name="A").postcode == "1234 AB"
    assert Organisation.objects.get(name="A").kind == "formeel"
    assert [number for number, _ in report.failed] == [3, 4, 5, 6, 7]
    assert "ongeldige postcode '0123 AB'" in report.failed[0][1]
    assert "ongeldige postcode '1234 A1'" in report.failed[1][1]
    assert "ongeldig telefoonnummer '+-()'" in report.failed[2][1]
    assert "website 'ftp://bestanden.example' moet een volledig adres zijn" in report.failed[4][1]


def test_several_problems_on_one_row_are_reported_together():
    municipalities = Municipality.objects.count()
    lines = [
        ",".join(COLUMNS),
        ",".join(
            row(name="x" * 161, kind="", municipality="y" * 81, postcode="AB", email="a@", neighbourhood="z" * 121)
        ),
    ]
    report = import_text("\n".join(lines))
    ((number, reason),) = report.failed
    assert number == 2
    for part in [
        "'name' is te lang (161 tekens, hoogstens 160)",
        "'kind' is leeg (formeel of informeel)",
        "'municipality'",
        "hoogstens 80 tekens",
        "'neighbourhood' is te lang",
        "ongeldige postcode 'AB'",
        "ongeldig e-mailadres 'a@'",
    ]:
        assert part in reason, part
    assert not Organisation.objects.exists()
    assert Municipality.objects.count() == municipalities


def test_a_name_that_would_clash_with_an_existing_slug_is_refused():
    OrganisationCategory.objects.create(name="Welzijn / sociaal werk")
    lines = [
        ",".join(COLUMNS),
        ",".join(row(name="Welzijn Ede", kind="formeel", municipality="Ede", category="Welzijn - sociaal werk")),
        ",".join(row(name="Welzijn Epe", kind="formeel", municipality="Epe", category="welzijn / SOCIAAL werk")),
    ]
    report = import_text("\n".join(lines))
    assert report.failed == [
        (
            2,
            "categorie 'Welzijn - sociaal werk' in 'category' lijkt op de bestaande categorie "
            "'Welzijn / sociaal werk'; gebruik die naam",
        )
    ]
    assert Organisation.objects.get().category.name == "Welzijn / sociaal werk"
    assert OrganisationCategory.objects.count() == 1


def test_a_failure_while_saving_rolls_back_the_whole_row(monkeypatch):
    from members import importer

    original = importer.Organisation.save

    def broken(self, *args, **kwargs):
        if self.name == "Kapot":
            raise RuntimeError("schijf vol")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(importer.Organisation, "save", broken)
    lines = [
        ",".join(COLUMNS),
        ",".join(row(name="Kapot", kind="formeel", municipality="Ede", services="Nieuw thema", category="Nieuw")),
        ",".join(MINIMAL),
    ]
    report = import_text("\n".join(lines))

    assert report.failed == [(2, "niet opgeslagen door een onverwachte fout: RuntimeError: schijf vol")]
    assert [name for _, name in report.imported] == ["Buurtkamer De Schakel"]
    assert not Theme.objects.filter(name="Nieuw thema").exists()
    assert not OrganisationCategory.objects.filter(name="Nieuw").exists()


def test_an_unclosed_quote_is_reported_on_the_line_it_starts():
    lines = [
        ",".join(COLUMNS),
        ",".join(MINIMAL),
        'Los aanhalingsteken,formeel,,Ede,,"Dorpsstraat 1,,,,,,,,,,',
        ",".join(row(name="Achteraan", kind="formeel", municipality="Ede")),
    ]
    report = import_text("\n".join(lines) + "\n")
    ((number, reason),) = report.failed
    assert number == 3
    assert "de rij loopt door tot regel 4" in reason
    assert [name for _, name in report.imported] == ["Buurtkamer De Schakel"]


def test_unknown_municipalities_fail_their_row_and_aliases_are_accepted():
    municipalities = Municipality.objects.count()
    lines = [
        ",".join(COLUMNS),
        ",".join(row(name="Buurthuis Haagse Hout", kind="informeel", municipality="Den Haag")),
        ",".join(row(name="Inloop Bossche Poort", kind="formeel", municipality="den bosch")),
        ",".join(row(name="Voedselbank Ede", kind="formeel", municipality="EDE")),
        ",".join(row(name="Buurtkamer Amsterdm", kind="informeel", municipality="Amsterdm")),
    ]
    report = import_text("\n".join(lines))
    assert report.failed == [
        (
            5,
            "onbekende gemeente 'Amsterdm' in 'municipality'; gebruik de officiële naam van een Nederlandse gemeente "
            "(bijvoorbeeld 's-Gravenhage of Súdwest-Fryslân)",
        )
    ]
    assert dict(Organisation.objects.values_list("name", "municipality__name")) == {
        "Buurthuis Haagse Hout": "'s-Gravenhage",
        "Inloop Bossche Poort": "'s-Hertogenbosch",
        "Voedselbank Ede": "Ede",
    }
    assert Municipality.objects.count() == municipalities
    # The alias is the same municipality: importing again with the official name adds nothing.
    again = import_text(
        "\n".join(
            [
                ",".join(COLUMNS),
                ",".join(row(name="Buurthuis Haagse Hout", kind="informeel", municipality="'s-Gravenhage")),
            ]
        )
    )
    assert [number for number, _name in again.skipped] == [2]
