"""Views of the programme, split by sub-domain: calendar, registrations, organiser, surveys."""
