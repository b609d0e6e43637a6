"""The values a note's fields can take, apart from the model so that the command line's
help can name them without loading it."""

from __future__ import annotations

STATUSES: tuple[str, ...] = (
    "wishlist", "applied", "screening", "interviewing", "offer",
    "accepted", "declined", "rejected", "withdrawn", "ghosted",
)
DEFAULT_CHANNELS: tuple[str, ...] = (
    "job-board", "networking", "referral", "direct-outreach", "recruiter", "other",
)
JOB_TYPES: tuple[str, ...] = (
    "full-time", "part-time", "contract", "freelance", "internship", "informational",
)
PERSON_ROLES: tuple[str, ...] = (
    "recruiter", "hiring-manager", "interviewer", "referrer", "peer", "mentor",
)
