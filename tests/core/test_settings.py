import io
import os
import subprocess
import sys
from pathlib import Path

from core.tasks import task

ROOT = Path(__file__).resolve().parents[2]
# Set by the browser tests for Playwright; a deployed site must never have it.
TEST_ONLY_ENV = {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL"}


def run_python(code, **env):
    full_env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENV}
    full_env.update(env)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True)


def test_default_database_is_a_sqlite_file_under_var():
    result = run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kennisplatform.settings.dev'; django.setup();"
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(ROOT / "var" / "db.sqlite3")


def test_database_url_from_the_environment():
    result = run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kennisplatform.settings.dev'; django.setup();"
        "from django.conf import settings; d=settings.DATABASES['default']; print(d['ENGINE'], d['NAME'], d['HOST'])",
        DATABASE_URL="postgres://kp:geheim@db.example:5432/kennisplatform",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "kennisplatform", "db.example"]


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kennisplatform.settings.production'; django.setup()"
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


PRODUCTION_KEY = "x" * 20 + "een-lange-willekeurige-productiesleutel-0123456789"


def test_production_refuses_to_start_without_a_public_address():
    result = run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kennisplatform.settings.production'; django.setup()",
        SECRET_KEY=PRODUCTION_KEY,
    )
    assert result.returncode != 0
    assert "SITE_URL must be set to the site's public address" in result.stderr


def test_a_public_address_with_a_path_is_refused_with_a_clear_error():
    result = run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kennisplatform.settings.dev'; django.setup()",
        SITE_URL="https://kennisplatform.example/site",
    )
    assert result.returncode != 0
    assert "SITE_URL must be the site's public address, scheme and host only" in result.stderr


def test_production_deploy_check_is_clean():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENV},
            "DJANGO_SETTINGS_MODULE": "kennisplatform.settings.production",
            "SECRET_KEY": PRODUCTION_KEY,
            "ALLOWED_HOSTS": "kennisplatform.example",
            "SITE_URL": "https://kennisplatform.example",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


SEEN = []


@task()
def remember(value):
    SEEN.append(value)
    return value * 2


def test_tasks_run_immediately_by_default(settings):
    assert "Immediate" in settings.TASKS["default"]["BACKEND"]
    SEEN.clear()
    result = remember.enqueue(21)
    assert SEEN == [21]
    assert result.return_value == 42


def test_database_task_queue_is_worked_by_db_worker(settings, transactional_db):
    # transactional: the worker closes its database connection when it is done.
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    SEEN.clear()
    result = remember.enqueue(5)
    assert SEEN == []  # queued, not run inside the request
    call_command("db_worker", batch=True, stdout=io.StringIO(), stderr=io.StringIO())
    assert SEEN == [5]
    result.refresh()
    assert result.return_value == 10


def test_env_file_fills_only_missing_variables(tmp_path, monkeypatch):
    # The settings load .env the same way (python-dotenv, real environment variables win).
    from dotenv import load_dotenv

    env_file = tmp_path / ".env"
    env_file.write_text(
        "# comment\nKP_TEST_A='uit bestand'\nKP_TEST_B=ook uit bestand\nexport KP_TEST_C=c  # uitleg\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("KP_TEST_B", "uit omgeving")
    monkeypatch.delenv("KP_TEST_A", raising=False)
    monkeypatch.delenv("KP_TEST_C", raising=False)
    load_dotenv(env_file, override=False)
    assert os.environ["KP_TEST_A"] == "uit bestand"
    assert os.environ["KP_TEST_B"] == "uit omgeving"
    assert os.environ["KP_TEST_C"] == "c"
    monkeypatch.delenv("KP_TEST_A")
    monkeypatch.delenv("KP_TEST_C")


def test_trusted_proxy_for_login_limits_comes_from_the_environment():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kennisplatform.settings.dev'; django.setup();"
        "from allauth import app_settings as a; print(a.TRUSTED_PROXY_COUNT, a.TRUSTED_CLIENT_IP_HEADER)"
    )
    assert run_python(code).stdout.split() == ["0", "None"]
    result = run_python(code, ALLAUTH_TRUSTED_PROXY_COUNT="1", ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "X-Real-IP"]
