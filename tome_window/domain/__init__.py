"""Pure-Python core: residents, procedures, forms, visits, validation, 和暦.

Nothing here imports Qt, pyscard, SQL or PDF code, so the rules can be tested and reused by
the command line, the GUI and the back office alike (checked by import-linter).
"""
