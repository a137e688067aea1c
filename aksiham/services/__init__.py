"""Writers of the Aksi HAM app; views, admin and tasks call these, nothing else writes.

A rule or state refusal is ``kernel.errors.Refusal``."""
