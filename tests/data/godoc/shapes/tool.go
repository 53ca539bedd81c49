// A helper command that shares the directory.
package main

// Tool is not part of package shapes.
func Tool() {}
