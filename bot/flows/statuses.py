"""A lead's statuses, named where every flow may read them: the staff desk moves leads between
them (bot/flows/staff/), and the client's flows ask whether a visit is still ahead."""

NEW, CONTACTED, BOOKED, TREATED = "new", "contacted", "booked", "treated"
UNSUITABLE, ARCHIVED = "unsuitable", "archived"
CLIENT_CANCELLED = "client_cancelled"  # set by the client only, from a reminder or their booking
STATUSES = (NEW, CONTACTED, BOOKED, TREATED, UNSUITABLE, ARCHIVED, CLIENT_CANCELLED)
OPEN = (NEW, CONTACTED, BOOKED)  # the lead is still with the clinic; its time holds its seat
