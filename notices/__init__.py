"""In-app notices and their e-mail, for both programmes: one per person per event
(``services.notice_send``), e-mailed once after commit (``tasks``)."""
