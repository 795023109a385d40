import datetime

from core.dates import months_before


def test_months_before_keeps_the_day_or_takes_the_last_day_of_a_shorter_month():
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2024, 3, 31), 1) == datetime.date(2024, 2, 29)
    assert months_before(datetime.date(2026, 1, 15), 13) == datetime.date(2024, 12, 15)
    moment = datetime.datetime(2026, 5, 31, 9, 30, tzinfo=datetime.UTC)
    assert months_before(moment, 18) == datetime.datetime(2024, 11, 30, 9, 30, tzinfo=datetime.UTC)
