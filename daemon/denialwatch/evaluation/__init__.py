"""Measuring the reader: labelled emails in, precision, recall and F1 out.

``metrics`` is the pure arithmetic (counts, F1, confusion matrices); ``fields`` says which
fields are scored, how each is compared and what each must reach; ``labels`` reads the answer
key (``labels.toml``); ``run`` reads the emails with ``understand`` and scores them;
``report`` holds the result and prints it. ``denialwatch eval`` is the command over them.
"""
