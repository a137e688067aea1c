"""The region directory as people use it: pages and console for provinces, kab/kota
and their OPD, each through the viewer's scope (``accounts.access``). The data and
its loader stay in ``regions``, below ``accounts``."""
