"""Reminders: which emails a case should send the patient, and when."""
