"""Deadlines: the rules as data, California's calendar, and the dates they give a case."""
