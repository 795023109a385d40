from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.hashers import make_password
from django.utils.crypto import get_random_string


class AccountAdapter(DefaultAccountAdapter):
    def send_account_already_exists_mail(self, email):
        # A new signup hashes its password, which is most of its time; an address that already has an
        # account would answer much faster and so give itself away. Do the same work here.
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)
