from .finder import FinderQuestion, NationalHelp
from .organisations import Language, Membership, Organisation, OrganisationCategory, WalkInHour
from .people import Invitation, JoinRequest, Profile
from .services import HowToGetHelp, Service
from .users import User, UserManager

__all__ = [
    "FinderQuestion",
    "HowToGetHelp",
    "Invitation",
    "JoinRequest",
    "Language",
    "Membership",
    "NationalHelp",
    "Organisation",
    "OrganisationCategory",
    "Profile",
    "Service",
    "User",
    "UserManager",
    "WalkInHour",
]
