from .organisations import Language, Membership, Organisation, OrganisationCategory, WalkInHour
from .people import Invitation, JoinRequest, Profile
from .users import User, UserManager

__all__ = [
    "Invitation", "JoinRequest", "Language", "Membership", "Organisation", "OrganisationCategory", "Profile", "User",
    "UserManager", "WalkInHour",
]
