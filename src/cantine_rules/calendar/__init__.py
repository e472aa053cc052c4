"""School calendars: public and school holidays, closures, working days."""
