from .organisations import Language, Membership, Organisation, OrganisationCategory, WalkInHour
from .users import User, UserManager

__all__ = ["Language", "Membership", "Organisation", "OrganisationCategory", "User", "UserManager", "WalkInHour"]
