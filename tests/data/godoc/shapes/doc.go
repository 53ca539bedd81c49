// Copyright 2024 The Shapes Authors. This comment is not the package doc:
// a blank line separates it from the package clause.

// Package shapes measures plane figures.
//
// # Units
//
// Lengths are in metres. See [Circle], [Square.Area] and [io.Writer];
// [not a link] stays as written. The [Go spec] says more.
//
//	c := shapes.NewCircle(2)
//	fmt.Println(c.Area())
//
// Supported figures:
//   - circles
//   - squares
//
// [Go spec]: https://go.dev/ref/spec
package shapes
