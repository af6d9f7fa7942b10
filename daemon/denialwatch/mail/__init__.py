"""Email in and out: parsing, forwards, inbox sources and outgoing transports."""
