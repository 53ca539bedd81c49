package shapes_test

import "testing"

// TestArea is a test, never documented.
func TestArea(t *testing.T) {}
