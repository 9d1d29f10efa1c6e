"""Diplomatic events: trigger words read into mentions (participants, date,
place, status), mentions merged per occasion into drafts (`detect.detect_events`)."""
