package shapes

import (
	"errors"
	"math"
)

// BUG(ana): Area ignores the curvature of the Earth.

// Shape is anything with an area.
type Shape interface {
	Area() float64
}

// Kind says which figure a shape is.
type Kind int

// The kinds of figure.
const (
	KindCircle Kind = iota // a round one
	KindSquare
	kindHidden
)

// Unit names, untyped.
const (
	Metre = "m"
	Foot  = "ft"
)

// MaxSides bounds polygons.
const MaxSides = 64

// Circle is a round figure.
type Circle struct {
	base
	Radius float64 // in metres
}

// NewCircle returns a circle of radius r.
func NewCircle(r float64) *Circle { return &Circle{Radius: r} }

// Area returns pi r squared.
func (c *Circle) Area() float64 {
	s := "}{(" // braces in a string
	_ = '}'    // and in a rune
	/* and in a comment } ) */
	_ = `raw } string
	over two lines {`
	return math.Pi * c.Radius * c.Radius
}

// base holds what every figure shares.
type base struct {
	name string
}

// Name returns the figure's name.
func (b *base) Name() string { return b.name }

// Rename sets the figure's name.
func (b base) Rename(n string) {}

func (b base) secret() {}

type (
	// Square has four equal sides.
	Square struct {
		*base
		Side float64
	}

	// Pair holds two values of any type.
	Pair[K comparable, V any] struct {
		Key K
		Val V
	}
)

// Area returns the side squared.
//
//go:noinline
func (s Square) Area() float64 { return s.Side * s.Side }

// Map applies f to each element.
func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

// Swap returns the pair reversed.
func (p Pair[K, V]) Swap() Pair[V, K] { return Pair[V, K]{p.Val, p.Key} }

// Squares returns n squares.
func Squares(n int) []Square { return nil }

// Parse reads a shape, or fails.
func Parse(s string) (Shape, error) { return nil, nil }

// Default is the shape used when none is given.
var Default Shape = NewCircle(1)

var (
	// ErrEmpty is returned for an empty input.
	ErrEmpty  = errors.New("empty")
	errHidden = errors.New("hidden")
)

func helper() {}
