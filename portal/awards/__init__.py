"""The ministry's best-region list: KKPHAM scores and award history, the Aksi HAM
yearly score and the case register together, so it sits above both programmes."""
