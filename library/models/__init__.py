from .index import LibraryIndexPage
from .pages import GuideDocument, GuidePage, LibraryPage, LibraryPageTag, PlaybookPage, StoryPage

__all__ = [
    "GuideDocument",
    "GuidePage",
    "LibraryIndexPage",
    "LibraryPage",
    "LibraryPageTag",
    "PlaybookPage",
    "StoryPage",
]
