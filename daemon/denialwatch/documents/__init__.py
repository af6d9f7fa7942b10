"""Documents attached to a forward: what kind of file each is, and the text inside it.

``sniff`` tells a file's kind from its content; ``pdf`` reads a PDF's text in a child
process bounded in pages, time and memory, so that a hostile or broken file costs at most
those bounds and becomes a ``DocumentError`` with a plain reason.
"""
