from dateutil.relativedelta import relativedelta


def months_before(moment, months):
    """The same day `months` calendar months earlier (the month's last day when it has fewer days)."""
    return moment - relativedelta(months=months)
