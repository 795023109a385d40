"""Submitted stories and uploaded files in the personal-data export and the account erasure (core.personal_data)."""

from core.personal_data import register

from .submissions import erase_submissions, personal_data

register("library", export=personal_data, erase=erase_submissions)
