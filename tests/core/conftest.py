import io

import pytest
from django.core.management import call_command


@pytest.fixture
def run_command(django_capture_on_commit_callbacks):
    """Run a management command; returns (stdout, stderr). What waits for a commit (deleting files) runs too."""

    def run(name, *args):
        out, err = io.StringIO(), io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command(name, *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    return run
