"""The pure core: reading a denial, routing it, drafting the letter. No I/O, no clock reads."""
