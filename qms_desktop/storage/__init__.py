"""The workspace file, its models and its audit trail (SQLAlchemy, SQLite).

Every module here needs SQLAlchemy and the models, so they are imported first, here, in a
way that spares the garbage collector: the import makes ~90 000 objects that live as long
as the process (55 mapped classes, their tables, SQLAlchemy's own modules). Collected like
any others they are walked again and again by the cyclic collector, during the import and
in full each time the older generation grows by a quarter. So the collector is paused during
the import and the survivors are frozen (`gc.freeze()`: left out of every later collection;
reference counting still frees everything as usual). Measured from nothing imported to a
workspace open and its step rules computed: collections 47–56 ms → 16–19 ms (the GUI's first
opening, where more was alive before: 13–18 → 7–10 ms). Pausing without freezing only moved
the collections later, where one full collection then cost 24–30 ms. The collection Python
makes as it exits skips them too: a command's exit after its last line 60 → 15 ms.

What is frozen with them and never collected: the import's own cyclic leftovers (~460
objects, once) and any cyclic garbage pending when it started (none, measured in the GUI;
collecting first to be sure cost 7 ms). A process that turned the collector off itself is
left to manage it: nothing is frozen.
"""

import gc

_collecting = gc.isenabled()
gc.disable()
try:
    import sqlalchemy.orm  # noqa: F401 - imported here for the collector's sake

    from qms_desktop.storage import models  # noqa: F401
finally:
    if _collecting:
        gc.freeze()
        gc.enable()
    del _collecting
