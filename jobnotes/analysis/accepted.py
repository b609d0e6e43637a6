"""After an offer is accepted: the other open applications are closed, not chased.

Once the user has accepted an offer, following up on the applications still open
elsewhere, or being told to mark them ghosted, is noise: what each of them needs is a
short note withdrawing from it, which lets the company close it and keeps the door
open. So their follow-ups, ghosted suggestions and coming interviews give way to one
"withdraw" reminder each (for an offer held, one to decline it), due on the day the
offer was accepted; and a "no" arriving after that needs no cooling-off before new
applications. Everything else stays: the user's own next actions, and the network's
thank-yous and check-ins.

Only an offer that ends the search counts: a full-time role (or one of no stated type),
and no application sent after accepting it. A freelance gig or a contract taken to
bridge the search, or applying on after an offer, says the search goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from jobnotes.analysis.reminder import Reminder, day_label, sort_key
from jobnotes.model import Application

# Open applications a withdrawal is owed to: sent, so someone there may be waiting.
_STILL_OPEN = ("applied", "screening", "interviewing", "offer")
# What an accepted offer makes pointless about the others.
_REPLACED = ("follow-up", "suggest-ghosted", "interview-upcoming")


def accepted_offer(apps: Iterable[Application], today: date) -> Application | None:
    """The offer accepted on or before ``today`` that ended the search (see the module),
    the first one if several; None while the search goes on."""
    apps = list(apps)
    accepted = [a for a in apps if a.status == "accepted" and a.accepted is not None
                and a.accepted <= today and a.type in (None, "full-time")]
    offer = min(accepted, key=lambda a: (a.accepted, a.rel), default=None)
    if offer is None or offer.accepted is None:
        return None
    if any(a.applied is not None and offer.accepted < a.applied <= today for a in apps):
        return None             # applied on after accepting: still searching
    return offer


def after_acceptance(found: list[Reminder], apps: list[Application], today: date
                     ) -> list[Reminder]:
    """``found`` (sorted), with the other open applications' chasing replaced by a
    withdrawal once an offer is accepted; ``found`` itself when none is."""
    offer = accepted_offer(apps, today)
    if offer is None:
        return found
    assert offer.accepted is not None
    others = {a.rel: a for a in apps if a.rel != offer.rel and a.status in _STILL_OPEN
              and not a.is_informational and a.withdrawn is None}
    if not others:
        return found
    ended_after = {a.rel for a in apps if a.rejected is not None
                   and a.rejected >= offer.accepted}
    kept = [r for r in found if not (r.rel in others and r.kind in _REPLACED)
            and not (r.kind == "cooling-off" and r.rel in ended_after)
            and r.kind != "applied-in-cooling-off"]
    when = day_label(offer.accepted, today)
    for app in others.values():
        if app.status == "offer":
            kept.append(Reminder(
                "withdraw", offer.accepted, f"Decline the offer from {app.company}",
                f"You accepted the offer from {offer.company} on {when}: a prompt, "
                f"warm reply lets {app.company} move on and keeps the door open. Set "
                "status: declined and the declined date once it is sent.",
                app.rel, app.title, "high", app.slug, since=offer.accepted))
            continue
        kept.append(Reminder(
            "withdraw", offer.accepted, f"Withdraw from {app.title}",
            f"You accepted the offer from {offer.company} on {when}: a short, friendly "
            "note lets them close your application (and cancel any interview) and keeps "
            "the door open. Set status: withdrawn and the withdrawn date once it is sent.",
            app.rel, app.title, "normal", app.slug, since=offer.accepted))
    return sorted(kept, key=sort_key)
