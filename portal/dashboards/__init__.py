"""The dashboards (national, province, kab/kota): ``views`` decides scope and reads,
``charts`` turns the rows into charts. The home page's blocks per role are
``portal.home_panels``, not dashboards."""
