"""The signal framework domains plug into: a source reads one kind of data and says what stands out
(`sources`), the shared shape of overdue-item sources (`overdue`) and the keys signals are stamped with
(`keys`). The agenda pack (`webapp.evidence`) reads every registered source; it sits above the domains."""
