"""Personal data (AVG) across the apps: export, erasure and retention.

`core` knows no app, yet the data export, the account deletion and the daily purge must cover
everything every app stores about a person. Each app that holds personal data registers a provider
from its ``AppConfig.ready()``, as pretix's data shredders do::

    personal_data.register(
        "events",
        export=lambda user: {"event_registrations": registrations_of(user)},
        erase=erase_registrations_of,   # before the account is deleted
        purge=purge_old_registrations,  # daily (purge_personal_data); returns a line for the report
    )

The account owner (members) calls `export` and `erase`; the `purge_personal_data` command calls `purge`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Provider:
    name: str
    # user -> {export key: plain data}; the keys of all providers together make the export.
    export: Callable[[Any], dict] | None = None
    # user -> None: removes or anonymises what the app holds, before the account itself goes.
    erase: Callable[[Any], None] | None = None
    # () -> str: deletes what is past its retention period and says what it did, in one sentence.
    purge: Callable[[], str] | None = None


_providers: dict[str, Provider] = {}


def register(name, *, export=None, erase=None, purge=None):
    """Add (or, under the same name, replace) an app's provider."""
    _providers[name] = Provider(name=name, export=export, erase=erase, purge=purge)


def providers():
    return list(_providers.values())


def export(user):
    data = {}
    for provider in providers():
        if provider.export is not None:
            data.update(provider.export(user))
    return data


def erase(user):
    for provider in providers():
        if provider.erase is not None:
            provider.erase(user)


def purge():
    """Run every retention purge; one report line each."""
    return [provider.purge() for provider in providers() if provider.purge is not None]
