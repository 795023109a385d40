from .finder import FinderQuestion, NationalHelp
from .organisations import Language, Membership, Organisation, OrganisationCategory, WalkInHour
from .people import Invitation, JoinRequest, Profile, ProfileClaim
from .services import HowToGetHelp, Service
from .users import User, UserManager
from .walkins import (
    SharedWalkIn,
    SharedWalkInTurn,
    WalkInChangedHour,
    WalkInChangedHours,
    WalkInClosure,
    WalkInNotice,
)

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
    "ProfileClaim",
    "Service",
    "SharedWalkIn",
    "SharedWalkInTurn",
    "User",
    "UserManager",
    "WalkInChangedHour",
    "WalkInChangedHours",
    "WalkInClosure",
    "WalkInHour",
    "WalkInNotice",
]
