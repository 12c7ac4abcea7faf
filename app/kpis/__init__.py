"""The analysis lines (四主线) as of a date, with month-on-month and year-on-year."""
