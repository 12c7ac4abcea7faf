"""The competitor perspective: key persons' attitudes toward a rival, and whom its staff hold."""
