from .finder import FinderQuestion, NationalHelp
from .organisations import Language, Membership, Organisation, OrganisationCategory, WalkInHour
from .people import Invitation, JoinRequest, Profile
from .users import User, UserManager

__all__ = [
    "FinderQuestion",
    "Invitation",
    "JoinRequest",
    "Language",
    "Membership",
    "NationalHelp",
    "Organisation",
    "OrganisationCategory",
    "Profile",
    "User",
    "UserManager",
    "WalkInHour",
]
