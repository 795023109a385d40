import pytest

from .conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("/", "Samen sterker tegen armoede en schulden"),
    ("/over-het-platform/", "Over het platform"),
    ("/privacyverklaring/", "Privacyverklaring"),
    ("/account/login/", "Inloggen"),
    ("/account/signup/", "Account aanmaken"),
    ("/zoeken/?q=samenwerken", "Zoeken"),
    ("/bestaat-niet/", "Deze pagina bestaat niet (meer)"),
]


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_page_renders_without_accessibility_violations(page, site, axe, path, heading):
    page.goto(site.url + path)
    assert page.locator("h1").count() == 1
    assert heading in page.locator("h1").inner_text()
    assert_no_axe_violations(axe, page)


@pytest.mark.parametrize("path", ["/", "/over-het-platform/", "/account/login/", "/account/signup/"])
def test_page_works_at_320_pixels_wide(page, site, axe, path):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site.url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
    assert_no_axe_violations(axe, page)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page, site):
    page.goto(site.url + "/over-het-platform/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_login_form_can_be_filled_and_sent_by_keyboard(page, site):
    page.goto(site.url + "/account/login/")
    page.get_by_label("E-mail").focus()
    page.keyboard.type("lid@kennisplatform.example")
    page.keyboard.press("Tab")
    # Tab may first land on the "forgotten password" link that sits with the password field.
    for _ in range(3):
        if page.evaluate("document.activeElement.type") == "password":
            break
        page.keyboard.press("Tab")
    page.keyboard.type("demo-wachtwoord-2026")
    page.keyboard.press("Enter")
    page.wait_for_url(site.url + "/")
    assert page.get_by_role("link", name="Uitloggen").is_visible()


def test_language_switch_turns_the_interface_english_and_back(page, site, axe):
    page.goto(site.url + "/over-het-platform/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.url == site.url + "/over-het-platform/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Log in").is_visible()
    assert_no_axe_violations(axe, page)

    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("link", name="Inloggen").is_visible()


def test_error_on_signup_is_announced_with_the_field(page, site, axe):
    page.goto(site.url + "/account/signup/")
    page.get_by_label("E-mail").fill("nieuw@voorbeeld.nl")
    page.get_by_label("Wachtwoord", exact=True).fill("kort")
    page.get_by_label("Wachtwoord (nogmaals)").fill("kort")
    page.get_by_role("button", name="Account aanmaken").click()
    password = page.get_by_label("Wachtwoord", exact=True)
    assert password.get_attribute("aria-invalid") == "true"
    described = password.get_attribute("aria-describedby").split()
    error_text = " ".join(page.locator(f"#{element_id}").inner_text() for element_id in described)
    assert "te kort" in error_text
    assert_no_axe_violations(axe, page)


def log_in(page, site, email="lid@kennisplatform.example"):
    page.goto(site.url + "/account/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill("demo-wachtwoord-2026")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(site.url + "/")


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/account/email/", "E-mailadressen"),
        ("/account/2fa/", "Tweestapsverificatie"),
        ("/account/password/change/", "Wachtwoord"),
        ("/account/gegevens/", "Mijn gegevens"),
        ("/account/verwijderen/", "Account verwijderen"),
    ],
)
def test_account_management_pages_are_accessible(page, site, axe, path, heading):
    log_in(page, site)
    page.goto(site.url + path)
    assert page.locator("h1").count() == 1
    assert heading.lower() in page.locator("h1").inner_text().lower()
    assert_no_axe_violations(axe, page)


def test_login_by_code_page_is_accessible(page, site, axe):
    page.goto(site.url + "/account/login/")
    page.get_by_role("link", name="Stuur mij een inlogcode").click()
    page.get_by_label("E-mail").fill("lid@kennisplatform.example")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/account/login/code/confirm/")
    assert_no_axe_violations(axe, page)


def test_editor_reaches_the_wagtail_admin_only_after_the_second_step(page, site, axe):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    from members.demo import DEMO_ADMIN_TOTP_SECRET

    page.goto(site.url + "/admin/")
    page.wait_for_url("**/account/login/?next=/admin/")
    page.get_by_label("E-mail").fill("redacteur@kennisplatform.example")
    page.get_by_label("Wachtwoord", exact=True).fill("demo-wachtwoord-2026")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/account/2fa/authenticate/")
    assert_no_axe_violations(axe, page)

    counter = next(iter(yield_hotp_counters_from_time()))
    page.get_by_label("Code").fill(format_hotp_value(hotp_value(DEMO_ADMIN_TOTP_SECRET, counter)))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(site.url + "/admin/")
    assert page.locator("body.wagtail-admin, .w-dashboard, #main").count() > 0


def test_delete_account_errors_are_accessible(page, site, axe):
    log_in(page, site)
    page.goto(site.url + "/account/verwijderen/")
    page.get_by_label("Uw wachtwoord").fill("fout")
    page.get_by_role("button", name="Verwijder mijn account").click()
    assert page.get_by_label("Uw wachtwoord").get_attribute("aria-invalid") == "true"
    assert page.get_by_text("Dit wachtwoord klopt niet.").is_visible()
    assert_no_axe_violations(axe, page)


def test_checkbox_label_reads_on_one_line_on_a_phone(page, site):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site.url + "/account/login/")
    box = page.get_by_text("Onthouden", exact=True).bounding_box()
    assert box["width"] > 50 and box["height"] < 40
