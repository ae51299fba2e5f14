"""Pages of the reporting cycle: reports, data entry, workflow, rounds and imports."""
