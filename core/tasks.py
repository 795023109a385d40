"""The Django tasks API, from Django itself (6.0+) or the django-tasks backport (5.2)."""

try:
    from django.tasks import task
except ImportError:  # Django 5.2
    from django_tasks import task

__all__ = ["task"]
