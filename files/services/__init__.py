"""Writers of stored-file state: previews, removal, restore and purge."""
