//go:build unix

package shapes

// PageSize returns the memory page size on Unix.
func PageSize() int { return 4096 }
