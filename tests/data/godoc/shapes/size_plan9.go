package shapes

// PageSize returns the memory page size on Plan 9.
func PageSize() int { return 4096 }
