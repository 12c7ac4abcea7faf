"""A key person's seven features (七特征) as of a date: the building block of every analysis line."""
