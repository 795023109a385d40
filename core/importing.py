"""What the bulk imports share: a per-record error with its reasons, and the report they return."""

from dataclasses import dataclass, field


class RecordError(Exception):
    """One line or row cannot be imported; ``reasons`` says why, in Dutch."""

    def __init__(self, reasons):
        self.reasons = [reasons] if isinstance(reasons, str) else list(reasons)
        super().__init__("; ".join(self.reasons))


@dataclass
class ImportReport:
    imported: list = field(default_factory=list)  # (line number, description)
    skipped: list = field(default_factory=list)  # (line number, description): already present
    failed: list = field(default_factory=list)  # (line number, reason)

    @property
    def ok(self):
        return not self.failed

    def summary(self):
        return (
            f"{len(self.imported)} geïmporteerd, {len(self.skipped)} overgeslagen (al aanwezig), "
            f"{len(self.failed)} mislukt."
        )
