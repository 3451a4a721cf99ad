"""The workspace file, its models and its audit trail (SQLAlchemy, SQLite).

Every module here needs SQLAlchemy and the models, so they are imported first, here, with
Python's cyclic garbage collector paused: the import makes ~90 000 objects that live as long
as the process (55 mapped classes, their tables and SQLAlchemy's own), and the collections it
would otherwise trigger, each walking them again, cost ~30 ms of every start to free some 500
objects, which the first collection after the import frees as well. Collection resumes as it
was when the import ends, raised or not.
"""

import gc

_collecting = gc.isenabled()
gc.disable()
try:
    import sqlalchemy.orm  # noqa: F401 - imported for the pause's sake, used by every module

    from qms_desktop.storage import models  # noqa: F401
finally:
    if _collecting:
        gc.enable()
    del _collecting
