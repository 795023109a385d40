"""Lookups that take any number people can put in a URL or a form."""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class InWithinRange(In):
    """``in`` on integer columns (ids included) that leaves out numbers no column can hold.

    Django's own ``exact`` already answers "nothing" for a 30-digit id; ``in`` (used by multiple-choice
    form fields) passed it to the driver, which raised OverflowError: a server error.
    """

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
