"""Work plans and budgets (rencana kerja) with approval up the tiers."""
